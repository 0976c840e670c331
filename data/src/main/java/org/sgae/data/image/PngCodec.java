package org.sgae.data.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A small PNG codec on java.util.zip, so synthetic images need no java.desktop and are byte-identical for
 * the same pixels (fixed filter, deflate level and strategy, no timestamp or other ancillary chunks).
 * Encodes 8-bit RGB; decodes 8-bit, non-interlaced grey, grey+alpha, RGB and RGBA (alpha is dropped).
 * Anything else throws {@link UnsupportedPngException} so the caller can fall back to ImageIO.
 */
public final class PngCodec {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
    /** Deflate level 1: images carry pixel noise, so higher levels cost several times more for a few %. */
    private static final int LEVEL = 1;

    private PngCodec() {
    }

    /** Thrown for valid PNGs this codec does not decode (palette, 16-bit, interlaced). */
    public static final class UnsupportedPngException extends RuntimeException {
        UnsupportedPngException(String msg) {
            super(msg);
        }
    }

    public static byte[] encode(RgbImage img) {
        int w = img.width();
        int h = img.height();
        int stride = w * 3;
        // Filter type 2 ("Up") on every row: cheap, deterministic, and good on smooth backgrounds.
        byte[] raw = new byte[(stride + 1) * h];
        byte[] src = img.rgb();
        for (int y = 0; y < h; y++) {
            int o = y * (stride + 1);
            raw[o] = 2;
            int s = y * stride;
            for (int k = 0; k < stride; k++) {
                int up = y == 0 ? 0 : src[s - stride + k];
                raw[o + 1 + k] = (byte) (src[s + k] - up);
            }
        }
        Deflater def = new Deflater(LEVEL);
        def.setStrategy(Deflater.DEFAULT_STRATEGY);
        def.setInput(raw);
        def.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length / 2 + 64);
        byte[] buf = new byte[16384];
        while (!def.finished()) {
            int n = def.deflate(buf);
            z.write(buf, 0, n);
        }
        def.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream(z.size() + 64);
        out.writeBytes(SIGNATURE);
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    public static boolean isPng(byte[] bytes) {
        if (bytes.length < 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a PNG of at most the configured pixel count (system property sgae.image.maxPixels, default
     * 2^26). Throws IllegalArgumentException (with what is wrong) for truncated, corrupt or too large data.
     */
    public static RgbImage decode(byte[] bytes) {
        return decode(bytes, PixelLimit.configured());
    }

    /** Decodes a PNG whose header claims at most maxPixels pixels; the size is checked before allocating. */
    public static RgbImage decode(byte[] bytes, long maxPixels) {
        PixelLimit.validated(maxPixels);
        if (!isPng(bytes)) {
            throw new IllegalArgumentException("not a PNG (bad signature)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(8);
        int w = -1;
        int h = -1;
        int colorType = -1;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        boolean end = false;
        while (!end) {
            if (in.remaining() < 12) {
                throw new IllegalArgumentException("truncated PNG: chunk header missing at byte " + in.position());
            }
            int len = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            if (len < 0 || len > in.remaining() - 4) {
                throw new IllegalArgumentException("truncated PNG: chunk " + new String(type, StandardCharsets.US_ASCII)
                        + " claims " + len + " bytes, " + Math.max(0, in.remaining() - 4) + " left");
            }
            byte[] data = new byte[len];
            in.get(data);
            int crcStored = in.getInt();
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data);
            String name = new String(type, StandardCharsets.US_ASCII);
            if ((int) crc.getValue() != crcStored) {
                throw new IllegalArgumentException("corrupt PNG: CRC mismatch in chunk " + name);
            }
            switch (name) {
                case "IHDR" -> {
                    ByteBuffer b = ByteBuffer.wrap(data);
                    w = b.getInt();
                    h = b.getInt();
                    int depth = data[8];
                    colorType = data[9];
                    int interlace = data[12];
                    PixelLimit.check(w, h, maxPixels); // before the depth check: ImageIO must not see it either
                    if (depth != 8 || interlace != 0 || colorType == 3) {
                        throw new UnsupportedPngException("PNG depth " + depth + ", colour type " + colorType
                                + ", interlace " + interlace + " not supported by PngCodec");
                    }
                }
                case "IDAT" -> idat.writeBytes(data);
                case "IEND" -> end = true;
                default -> {
                    // ancillary chunks are ignored
                }
            }
        }
        if (w < 0) {
            throw new IllegalArgumentException("PNG without IHDR");
        }
        int channels = switch (colorType) {
            case 0 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new UnsupportedPngException("PNG colour type " + colorType);
        };
        int stride = w * channels;
        // PixelLimit bounds w * h, so (stride + 1) * h ≤ 5 * w * h fits an int; toIntExact guards that.
        byte[] raw = inflate(idat.toByteArray(), Math.toIntExact((stride + 1L) * h));
        unfilter(raw, stride, h, channels);
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int o = y * (stride + 1) + 1;
            for (int x = 0; x < w; x++) {
                int s = o + x * channels;
                int d = (y * w + x) * 3;
                if (channels <= 2) {
                    rgb[d] = rgb[d + 1] = rgb[d + 2] = raw[s];
                } else {
                    rgb[d] = raw[s];
                    rgb[d + 1] = raw[s + 1];
                    rgb[d + 2] = raw[s + 2];
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static byte[] inflate(byte[] z, int size) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(z);
            byte[] raw = new byte[size];
            int n = 0;
            while (n < size) {
                int k = inf.inflate(raw, n, size - n);
                if (k == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != size) {
                throw new IllegalArgumentException("truncated PNG: image data has " + n + " of " + size + " bytes");
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt PNG image data: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    /** Undoes the per-row PNG filters in place; bpp = bytes per pixel. */
    private static void unfilter(byte[] raw, int stride, int h, int bpp) {
        for (int y = 0; y < h; y++) {
            int o = y * (stride + 1);
            int f = raw[o];
            int p = o + 1;
            int up = p - (stride + 1);
            for (int k = 0; k < stride; k++) {
                int a = k >= bpp ? raw[p + k - bpp] & 0xff : 0;
                int b = y > 0 ? raw[up + k] & 0xff : 0;
                int c = (k >= bpp && y > 0) ? raw[up + k - bpp] & 0xff : 0;
                int pred = switch (f) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) >>> 1;
                    case 4 -> paeth(a, b, c);
                    default -> throw new IllegalArgumentException("corrupt PNG: row filter " + f + " in row " + y);
                };
                raw[p + k] = (byte) (raw[p + k] + pred);
            }
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
    }
}
