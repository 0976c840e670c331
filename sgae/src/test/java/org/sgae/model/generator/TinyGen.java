package org.sgae.model.generator;

import java.util.List;

import org.sgae.train.config.GeneratorConfig;
import org.sgae.train.config.Preset;

/** Tiny generator configs derived from the cpu preset for tests (the generator, phase-1 and joint tests share it). */
public final class TinyGen {
    private TinyGen() {
    }

    /** D_g 8, hidden 16, 2 layers, 2 noise channels, CRN to 32² (4 modules), D convs 4,8,8, crops 24, M 4. */
    public static GeneratorConfig config() {
        GeneratorConfig c = Preset.CPU.generator().withArch(8, 16, 2, 2, List.of(16, 8, 8, 8), List.of(4, 8, 8), 16);
        return new GeneratorConfig(c.embedDim(), c.hidden(), c.gconvLayers(), c.noiseChannels(), c.imageSize(),
                c.mapSize(), c.crnDims(), c.discChannels(), c.objHidden(), 24, 4, c.objClasses(), c.predClasses(),
                c.losses(), c.adam()).validate();
    }
}
