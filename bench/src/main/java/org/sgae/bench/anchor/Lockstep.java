package org.sgae.bench.anchor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.sgae.tensor.cpu.CpuParallel;

/**
 * One anchor case driven call by call over stdin/stdout, for {@code bench/lockstep_torch.py}, which alternates one
 * torch call with one sgae call so that both sides see the same state of the host (its vCPUs change speed by the
 * minute; passes minutes apart compare different machines). Each side times its own calls.
 *
 * <p>Protocol, one line each way: {@code warm SECONDS} → {@code ok CALLS}; {@code run} → the call's wall time in
 * nanoseconds; {@code quit} ends. The first line printed is {@code ready THREADS}.
 */
public final class Lockstep {
    /** Results of the timed calls end up here, so the JIT must compute them. */
    static volatile Object sink;

    private Lockstep() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Lockstep CASE_NAME   (a name from CpuAnchor's cases, e.g. conv_vgg_512x14_fwdbwd)");
            System.exit(2);
        }
        AnchorCase c = AnchorCases.of(AnchorCases.SECTIONS).stream()
                .filter(x -> x.name().equals(args[0])).findFirst().orElse(null);
        if (c == null) {
            System.err.println("Lockstep: no case named '" + args[0] + "'");
            System.exit(2);
        }
        AnchorCase.Call call = c.build().get();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("ready " + CpuParallel.threads() + " " + org.sgae.tensor.cpu.gemm.GemmTiles.choice().describe());
        out.flush();
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            if (line.equals("run")) {
                long t0 = System.nanoTime();
                Object r = call.run();
                long t = System.nanoTime() - t0;
                sink = r;
                out.println(t);
            } else if (line.startsWith("warm ")) {
                long end = System.nanoTime() + (long) (Double.parseDouble(line.substring(5)) * 1e9);
                int n = 0;
                do {
                    sink = call.run();
                    n++;
                } while (System.nanoTime() < end);
                out.println(String.format(Locale.ROOT, "ok %d", n));
            } else {
                out.println("error: unknown command '" + line + "'");
            }
            out.flush();
        }
    }
}
