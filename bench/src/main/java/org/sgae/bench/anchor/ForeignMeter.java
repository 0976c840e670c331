package org.sgae.bench.anchor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU used by other processes between start() and stop(), in cores: the script's ForeignMeter. All busy jiffies of
 * the machine (/proc/stat) minus this JVM's own (/proc/self/stat), over the wall time. When it is at least 0.1 core,
 * the three processes that used the most are named (from /proc/[pid]/stat).
 *
 * <p>Without a readable /proc (not Linux) {@link #available()} is false; then foreign and steal read −1 and the
 * harness neither waits nor re-measures.
 */
public final class ForeignMeter {
    /**
     * USER_HZ, the unit of /proc CPU times. The script asks sysconf(SC_CLK_TCK); Java cannot without native code, and
     * Linux fixes USER_HZ at 100 on every mainstream architecture (`getconf CLK_TCK` prints 100 here).
     */
    static final double HZ = 100.0;

    private static final Path PROC = Path.of("/proc");
    private static final long MY_PID = ProcessHandle.current().pid();
    private static final String UNAVAILABLE = probe();

    private long busy0;
    private long steal0;
    private long self0;
    private Map<Long, ProcStat.Proc> procs0;
    private long wall0;

    private double foreign = -1;
    private double steal = -1;
    private List<String> top = List.of();

    /** Why /proc cannot be used, or null when it can. */
    private static String probe() {
        try {
            cpu();
            selfJiffies();
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    public static boolean available() {
        return UNAVAILABLE == null;
    }

    /** The reason {@link #available()} is false (null when it is true). */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    private static ProcStat.Cpu cpu() throws IOException {
        try (var lines = Files.lines(PROC.resolve("stat"))) {
            return ProcStat.parseCpuLine(lines.findFirst().orElseThrow(() -> new IOException("/proc/stat is empty")));
        }
    }

    private static long selfJiffies() throws IOException {
        return ProcStat.parsePidStat(Files.readString(PROC.resolve("self/stat")), true).jiffies();
    }

    /** pid → (comm, jiffies) of every live process except this one; processes that vanish meanwhile are skipped. */
    private static Map<Long, ProcStat.Proc> procs() {
        Map<Long, ProcStat.Proc> d = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid == MY_PID) {
                    continue;
                }
                try {
                    d.put(pid, ProcStat.parsePidStat(Files.readString(p.resolve("stat")), false));
                } catch (IOException | RuntimeException e) {
                    // exited between listing and reading, or unreadable: as the script, ignore it
                }
            }
        } catch (IOException e) {
            // no process list: the top-3 names are only a diagnostic
        }
        return d;
    }

    public void start() {
        if (!available()) {
            return;
        }
        try {
            ProcStat.Cpu c = cpu();
            busy0 = c.busy();
            steal0 = c.steal();
            self0 = selfJiffies();
        } catch (IOException e) {
            throw new IllegalStateException("/proc became unreadable: " + e);
        }
        procs0 = procs();
        wall0 = System.nanoTime();
    }

    /** Foreign cores over the interval since start(); also sets steal and the top-3 list. */
    public double stop() {
        if (!available()) {
            foreign = -1;
            steal = -1;
            top = List.of();
            return foreign;
        }
        double wall = Math.max((System.nanoTime() - wall0) / 1e9, 1e-9);
        ProcStat.Cpu c;
        long self1;
        try {
            c = cpu();
            self1 = selfJiffies();
        } catch (IOException e) {
            throw new IllegalStateException("/proc became unreadable: " + e);
        }
        foreign = Math.max(0.0, ((c.busy() - busy0) - (self1 - self0)) / HZ / wall);
        steal = (c.steal() - steal0) / HZ / wall;
        top = foreign >= 0.1 ? topThree(procs0, procs(), wall) : List.of();
        return foreign;
    }

    private static List<String> topThree(Map<Long, ProcStat.Proc> before, Map<Long, ProcStat.Proc> after, double wall) {
        record Delta(long dj, long pid, String comm) {
        }
        List<Delta> ds = new ArrayList<>();
        after.forEach((pid, p) -> {
            ProcStat.Proc b = before.get(pid);
            ds.add(new Delta(p.jiffies() - (b == null ? 0 : b.jiffies()), pid, p.comm()));
        });
        // the script sorts (delta, pid, comm) tuples descending
        ds.sort((x, y) -> x.dj() != y.dj() ? Long.compare(y.dj(), x.dj()) : Long.compare(y.pid(), x.pid()));
        List<String> out = new ArrayList<>();
        for (Delta d : ds.subList(0, Math.min(3, ds.size()))) {
            if (d.dj() > 0) {
                out.add(String.format(Locale.ROOT, "%s(pid %d): %.2f cores", d.comm(), d.pid(), d.dj() / HZ / wall));
            }
        }
        return out;
    }

    public double foreign() {
        return foreign;
    }

    public double steal() {
        return steal;
    }

    public List<String> top() {
        return top;
    }
}
