package org.sgae.cli;

import java.nio.file.Path;
import org.sgae.train.SyntheticWorlds;
import org.sgae.train.config.WorldConfig;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --world-cache}, shared (as a picocli mixin) by the commands that read a data set. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "VG-layout data (default: the config's synthetic world, generated once into --world-cache)")
    Path data;

    @Option(names = "--world-cache", paramLabel = "DIR",
            description = "synthetic world cache (default: ~/.cache/sgae/worlds)")
    Path worldCache;

    /** --world-cache, else the default cache. */
    Path cache() {
        return worldCache != null ? worldCache : SyntheticWorlds.defaultRoot();
    }

    /** --data, else {@code world} from the cache (generated on first use). */
    Path folder(WorldConfig world) {
        return data != null ? data : SyntheticWorlds.ensure(world, cache(), System.out);
    }
}
