package org.sgae.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sgae report RUN_DIR}: the HTML report of a demo run folder ({@link RunReport}). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the HTML report (index.html + PNGs, opens from disk) of a demo run folder: loss curves,",
            "results tables with FREQ and lambda_img = 0 rows, per-class AP, per-predicate recall, 8 test images."})
final class Report implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a folder written by sgae demo")
    Path run;

    @Option(names = "--out", paramLabel = "DIR", description = "report folder (default: RUN_DIR/report)")
    Path out;

    @Option(names = "--force", description = "replace an existing report folder")
    boolean force;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        RunReport.write(new DemoLayout(run), out, force, dataOptions.data, dataOptions.cache(), System.out);
        return 0;
    }
}
