package org.sgae.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;

class SafeTensorsTest {
    @TempDir
    Path dir;

    /** The exact bytes of a two-tensor file, built by hand from the format description. */
    @Test
    void goldenBytes() throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("b", Tensor.of(new float[] {1f, -2f}, 2)); // inserted before "a": the writer must sort
        m.put("a", Tensor.ofLongs(new long[] {7}));
        Path f = dir.resolve("g.safetensors");
        SafeTensors.write(f, m);

        String json = "{\"__metadata__\":{\"format_version\":\"1\",\"producer\":\"sgae\"},"
                + "\"a\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        int n = (json.length() + 7) / 8 * 8;
        ByteBuffer expected = ByteBuffer.allocate(8 + n + 16).order(ByteOrder.LITTLE_ENDIAN);
        expected.putLong(n).put(json.getBytes(StandardCharsets.UTF_8));
        while (expected.position() < 8 + n) {
            expected.put((byte) ' ');
        }
        expected.put(new byte[] {7, 0, 0, 0, 0, 0, 0, 0});
        expected.put(new byte[] {0, 0, (byte) 0x80, 0x3f}); // 1.0f little-endian
        expected.put(new byte[] {0, 0, 0, (byte) 0xc0});    // -2.0f
        assertArrayEquals(expected.array(), Files.readAllBytes(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file may be left behind");
        }
    }

    @Test
    void roundTripsEveryDtypeAndStridedViews() throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("f32", Rand.f32(1, 3, 4).transpose(0, 1)); // non-contiguous view: written row-major
        m.put("f64", Rand.f64(2, 5));
        m.put("i32", Tensor.ofInts(new int[] {-1, 2, 3}, 3));
        m.put("i64", Tensor.ofLongs(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE, 5}, 2, 2));
        m.put("bool", Tensor.ofBools(new boolean[] {true, false, true}, 3));
        Tensor u8 = Tensor.empty(Shape.of(2), DType.U8, Device.cpu());
        u8.cpu().u8()[0] = (byte) 200;
        u8.cpu().u8()[1] = 3;
        m.put("u8", u8);
        m.put("empty", Tensor.zeros(0, 3));
        Path f = dir.resolve("all.safetensors");
        SafeTensors.write(f, m, Map.of("config_digest", "abc"));
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(List.of("bool", "empty", "f32", "f64", "i32", "i64", "u8"), List.copyOf(c.tensors().keySet()));
        for (Map.Entry<String, Tensor> e : m.entrySet()) {
            Tensor r = c.tensors().get(e.getKey());
            assertEquals(e.getValue().shape(), r.shape(), e.getKey());
            assertEquals(e.getValue().dtype(), r.dtype(), e.getKey());
            assertArrayEquals(e.getValue().toDoubleArray(), r.toDoubleArray(), e.getKey());
        }
        assertEquals(Map.of("config_digest", "abc", "format_version", "1", "producer", "sgae"), c.metadata());
    }

    @Test
    void equalInputsGiveIdenticalFiles() throws IOException {
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("x", Rand.f32(3, 7));
        a.put("y", Rand.f32(4, 2, 2));
        Map<String, Tensor> b = new LinkedHashMap<>();
        b.put("y", a.get("y"));
        b.put("x", a.get("x"));
        SafeTensors.write(dir.resolve("a"), a);
        SafeTensors.write(dir.resolve("b"), b);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a")), Files.readAllBytes(dir.resolve("b")));
    }

    @Test
    void stateDictRoundTripThroughAModule() throws IOException {
        ModuleTest.Net src = new ModuleTest.Net(1);
        Path f = dir.resolve("model.safetensors");
        SafeTensors.write(f, src.stateDict());
        ModuleTest.Net dst = new ModuleTest.Net(2);
        assertTrue(dst.loadStateDict(SafeTensors.read(f).tensors(), StateDict.Keys.STRICT).clean());
        assertArrayEquals(src.forward(Tensor.ones(1, 3)).toFloatArray(), dst.forward(Tensor.ones(1, 3)).toFloatArray());
    }

    private String corruptMessage(byte[] bytes) throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, bytes);
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e.getMessage();
    }

    private static byte[] file(String json, int dataBytes) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + j.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(j.length).put(j).array();
    }

    @Test
    void corruptFilesGiveOneClearError() throws IOException {
        Map<String, Tensor> m = Map.of("w", Rand.f32(5, 4, 4));
        Path good = dir.resolve("good.safetensors");
        SafeTensors.write(good, m);
        byte[] bytes = Files.readAllBytes(good);
        assertTrue(corruptMessage(Arrays.copyOf(bytes, 5)).contains("shorter than the 8-byte"));
        assertTrue(corruptMessage(Arrays.copyOf(bytes, bytes.length - 4)).contains("truncated"));
        assertTrue(corruptMessage(Arrays.copyOf(bytes, 40)).contains("header length"));
        byte[] huge = bytes.clone();
        huge[7] = 0x7f;
        assertTrue(corruptMessage(huge).contains("header length"));
        assertTrue(corruptMessage(file("{\"w\":", 0)).contains("not valid JSON"));
        assertTrue(corruptMessage(file("{\"w\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2))
                .contains("unsupported dtype BF16"));
        assertTrue(corruptMessage(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4))
                .contains("needs 8 bytes"));
        assertTrue(corruptMessage(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8))
                .contains("overlap or gap"));
        assertTrue(corruptMessage(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)).contains("data_offsets"));
        assertTrue(corruptMessage(file("[1,2]", 0)).contains("not a JSON object"));
    }
}
