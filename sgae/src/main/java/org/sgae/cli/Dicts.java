package org.sgae.cli;

import java.nio.file.Path;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDicts;
import org.sgae.data.vg.VgSplit;
import org.sgae.train.config.TrainConfig;

/** The vocabulary a checkpoint was trained with: --data's dicts, else its synthetic world's (from the cache). */
final class Dicts {
    private Dicts() {
    }

    static VgDicts of(TrainConfig cfg, DataOptions data) {
        Path dir = data.folder(cfg.world());
        return VgDicts.read(dir.resolve(VgConfig.of(dir, VgSplit.TEST).dictsName()));
    }
}
