package org.sgae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One command of {@link Main} with captured output, and the one-line-error check the CLI tests share. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** A non-zero exit and exactly one error line (no stack trace) holding each of {@code mustContain}. */
    void assertOneLineError(String... mustContain) {
        assertTrue(code != 0, "exit code");
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
        for (String s : mustContain) {
            assertTrue(err.contains(s), "'" + s + "' in: " + err);
        }
    }
}
