package org.sgae.train;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a person watching the run sees. On a terminal a redrawn progress bar with ETA; otherwise (CI, a log file) no
 * redrawing, just one plain line with the ETA at each log step, so captured output stays readable.
 */
public interface Progress extends AutoCloseable {
    /** The run reached {@code iteration} (called every step; cheap). */
    void step(int iteration);

    /** A log step: {@code summary} is the losses and lr of that step. */
    void log(int iteration, String summary);

    @Override
    void close();

    /** A bar on {@code out} when the JVM's console is a terminal, plain lines otherwise. */
    static Progress console(String task, int start, int end, PrintStream out) {
        return isTerminal() ? new Bar(task, start, end, out) : new Lines(task, start, end, out);
    }

    /** Whether stdout is a terminal: System.console() is null when it is not (JDK 17–21); JDK 22+ asks isTerminal. */
    private static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22, a non-null console is a terminal
        }
    }

    /** me.tongfei's progress bar. */
    final class Bar implements Progress {
        /** Rendered width; fixed so the bar never queries the terminal's size. */
        private static final int WIDTH = 120;
        private final ProgressBar bar;

        Bar(String task, int start, int end, PrintStream out) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(end).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(out, WIDTH)).showSpeed()
                    .startsFrom(start, Duration.ZERO).build();
        }

        @Override
        public void step(int iteration) {
            bar.stepTo(iteration);
        }

        @Override
        public void log(int iteration, String summary) {
            bar.setExtraMessage(summary);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** One line per log step with the ETA extrapolated from the steps this process ran. */
    final class Lines implements Progress {
        private static final double NANOS_PER_SECOND = 1e9;
        private final String task;
        private final int start;
        private final int end;
        private final PrintStream out;
        private final long t0 = System.nanoTime();

        Lines(String task, int start, int end, PrintStream out) {
            this.task = task;
            this.start = start;
            this.end = end;
            this.out = out;
        }

        @Override
        public void step(int iteration) {
            // no redrawing without a terminal
        }

        @Override
        public void log(int iteration, String summary) {
            double elapsed = (System.nanoTime() - t0) / NANOS_PER_SECOND;
            int done = iteration - start;
            long eta = done > 0 ? Math.round(elapsed / done * (end - iteration)) : -1;
            out.printf(Locale.ROOT, "%s %d/%d (%d%%) %s eta %s%n", task, iteration, end, 100L * iteration / end,
                    summary, eta < 0 ? "?" : formatSeconds(eta));
        }

        @Override
        public void close() {
            out.flush();
        }

        static String formatSeconds(long s) {
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
    }
}
