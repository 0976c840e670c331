package org.sgae.model.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.GeneratorConfig;
import org.sgae.train.config.Preset;

class GeneratorShapesTest {
    private static Tensor zeros(int... s) {
        return Tensor.zeros(Shape.of(s), DType.F32, Device.cpu());
    }

    /** §9's table: D_img at 64 px gives (B,1,6,6) for the vg dims (64,128,256) and the cpu dims (32,64,128). */
    @Test
    void imageDiscriminatorPatchLogits() {
        for (Preset p : Preset.values()) {
            GeneratorConfig c = p.generator();
            try (MemoryScope scope = MemoryScope.open()) {
                ImageDiscriminator d = new ImageDiscriminator(c.discChannels(), DType.F32, Device.cpu(),
                        new SplittableRandom(1));
                assertEquals(Shape.of(2, 1, 6, 6), d.forward(zeros(2, 3, 64, 64)).shape(), p + " D_img logits");
            }
        }
    }

    /** D_obj: crops 32 → 15 → 6 → 2, heads real (O,1) and cls (O, C_obj − 1): 150 for vg. */
    @Test
    void objectDiscriminatorHeads() {
        for (Preset p : Preset.values()) {
            GeneratorConfig c = p.generator();
            try (MemoryScope scope = MemoryScope.open()) {
                ObjectDiscriminator d = new ObjectDiscriminator(c.discChannels(), c.objHidden(), c.objClasses(),
                        c.cropSize(), DType.F32, Device.cpu(), new SplittableRandom(1));
                Tensor boxes = Tensor.of(new float[] {0.1f, 0.1f, 0.5f, 0.6f, 0, 0, 1, 1, 0.3f, 0.2f, 0.9f, 0.7f}, 3, 4);
                ObjectDiscriminator.Out o = d.forward(zeros(2, 3, 64, 64), boxes, Tensor.ofLongs(new long[] {0, 1, 1}, 3));
                assertEquals(Shape.of(3, 1), o.real().shape());
                assertEquals(Shape.of(3, c.objClasses() - 1), o.cls().shape());
            }
        }
        assertEquals(151, Preset.VG.generator().objClasses());
    }

    /** The CRN of the cpu preset maps the (D_g + noise) = 40-channel 64² layout to (B,3,64,64). */
    @Test
    void crnOutputShape() {
        GeneratorConfig c = Preset.CPU.generator();
        assertEquals(40, c.layoutChannels());
        try (MemoryScope scope = MemoryScope.open()) {
            Crn crn = new Crn(c.layoutChannels(), c.crnDims(), DType.F32, Device.cpu(), new SplittableRandom(1));
            assertEquals(Shape.of(2, 3, 64, 64), crn.forward(zeros(2, 40, 64, 64)).shape());
        }
        assertEquals(160, Preset.VG.generator().layoutChannels(), "vg: 128 + 32 noise channels (§8)");
        assertEquals(List.of(1024, 512, 256, 128, 64), Preset.VG.generator().crnDims());
    }

    /** Generator: graph of 2 images → image (B,3,S,S), box net (O,4) with O = R + B. */
    @Test
    void generatorShapes() {
        GeneratorConfig c = TinyGen.config();
        try (MemoryScope scope = MemoryScope.open()) {
            Generator g = new Generator(c, DType.F32, Device.cpu(), new SplittableRandom(2));
            SceneGraph sg = graph(g);
            Generator.Output out = g.forward(sg, g.drawNoise(2, new SplittableRandom(3), sg.boxes()),
                    Generator.Boxes.GRAPH);
            assertEquals(Shape.of(2, 3, c.imageSize(), c.imageSize()), out.image().shape());
            assertEquals(Shape.of(5, 4), out.boxNet().shape());
            assertEquals(Shape.of(5, c.embedDim()), out.objects().shape());
        }
    }

    /** Soft labels: a one-hot row over all of E_obj's rows gives exactly the looked-up vector (§10.1). */
    @Test
    void oneHotSoftLabelsEqualTheLookup() {
        GeneratorConfig c = TinyGen.config();
        try (MemoryScope scope = MemoryScope.open()) {
            Vocabulary v = new Vocabulary(c, DType.F32, Device.cpu(), new SplittableRandom(4));
            float[] p = new float[2 * c.objEmbeddings()];
            p[3] = 1;
            p[c.objEmbeddings() + 7] = 1;
            float[] soft = v.softObjects(Tensor.of(p, 2, c.objEmbeddings()), 0).toFloatArray();
            float[] hard = v.objects(Tensor.ofLongs(new long[] {3, 7}, 2)).toFloatArray();
            org.junit.jupiter.api.Assertions.assertArrayEquals(hard, soft, 0f);
            // over classes 1..C−1 only (the coupling's layout): column k is class k + 1
            float[] q = new float[c.objClasses() - 1];
            q[2] = 1;
            float[] soft2 = v.softObjects(Tensor.of(q, 1, q.length), 1).toFloatArray();
            float[] hard2 = v.objects(Tensor.ofLongs(new long[] {3}, 1)).toFloatArray();
            org.junit.jupiter.api.Assertions.assertArrayEquals(hard2, soft2, 0f);
        }
    }

    /** 3 real objects over 2 images, one relation 0 → 1, weights all 1. */
    static SceneGraph graph(Generator g) {
        Tensor labels = Tensor.ofLongs(new long[] {1, 2, 3}, 3);
        Tensor boxes = Tensor.of(new float[] {0.1f, 0.1f, 0.5f, 0.6f, 0.4f, 0.2f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f, 0.9f},
                3, 4).to(g.vocab().objectTable().dtype());
        return SceneGraph.assemble(g.vocab(), 2, g.vocab().objects(labels), new long[] {0, 0, 1}, boxes, labels,
                g.vocab().predicates(Tensor.ofLongs(new long[] {2}, 1)), new long[] {0}, new long[] {1}, null);
    }
}
