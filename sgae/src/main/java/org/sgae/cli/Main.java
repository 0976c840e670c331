package org.sgae.cli;

import java.util.concurrent.Callable;
import org.sgae.examples.ShapesTraining;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line entry point. Subcommands are added here as the model grows. */
@Command(name = "sgae", mixinStandardHelpOptions = true, version = "sgae 0.1.0",
        description = "Scene-graph auto-encoder tools.",
        subcommands = {Main.TrainShapes.class})
public final class Main implements Callable<Integer> {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        // One line naming what went wrong instead of a stack trace; SGAE_DEBUG=1 keeps the trace for developers.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("sgae " + cmd.getCommandName() + ": " + e.getMessage());
            if (System.getenv("SGAE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        System.exit(cli.execute(args));
    }

    /** No subcommand: show usage. */
    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Trains the small shapes CNN and prints per-epoch loss and accuracy. */
    @Command(name = "train-shapes", mixinStandardHelpOptions = true,
            description = "Train a small CNN on procedurally generated 32x32 shape images (circle/square/triangle/cross).")
    static final class TrainShapes implements Callable<Integer> {
        private static final ShapesTraining.Config D = ShapesTraining.Config.defaults();

        @Option(names = "--train", description = "training images (default ${DEFAULT-VALUE})")
        int trainSize = D.trainSize();

        @Option(names = "--test", description = "test images (default ${DEFAULT-VALUE})")
        int testSize = D.testSize();

        @Option(names = "--epochs", description = "epochs (default ${DEFAULT-VALUE})")
        int epochs = D.epochs();

        @Option(names = "--batch", description = "batch size (default ${DEFAULT-VALUE})")
        int batch = D.batchSize();

        @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE})")
        double lr = D.lr();

        @Option(names = "--seed", description = "seed of data, init and shuffling (default ${DEFAULT-VALUE})")
        long seed = D.seed();

        @Override
        public Integer call() {
            ShapesTraining.Result r = ShapesTraining.run(
                    new ShapesTraining.Config(trainSize, testSize, epochs, batch, lr, seed), System.out);
            System.out.printf("final test accuracy %.2f%% in %.1f s%n", 100 * r.finalAccuracy(), r.seconds());
            return 0;
        }
    }
}
