package org.sgae.bench.anchor;

/** Parsers for the two /proc lines the foreign-CPU meter reads (pure, so they can be tested on fixed strings). */
public final class ProcStat {
    private ProcStat() {
    }

    /** Busy and steal jiffies of all CPUs together. */
    public record Cpu(long busy, long steal) {
    }

    /** One process: its command name and CPU jiffies. */
    public record Proc(String comm, long jiffies) {
    }

    /**
     * The first line of /proc/stat, "cpu  user nice system idle iowait irq softirq steal guest guest_nice", as
     * _proc_stat_busy in the script: busy = sum of the first 8 fields − idle − iowait − steal.
     */
    public static Cpu parseCpuLine(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 5 || !f[0].equals("cpu")) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + line);
        }
        long[] v = new long[f.length - 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseLong(f[i + 1]);
        }
        long idle = v[3] + (v.length > 4 ? v[4] : 0);
        long steal = v.length > 7 ? v[7] : 0;
        long sum = 0;
        for (int i = 0; i < Math.min(8, v.length); i++) {
            sum += v[i];
        }
        return new Cpu(sum - idle - steal, steal);
    }

    /**
     * A /proc/[pid]/stat line. The command name sits in parentheses and may itself hold spaces and parentheses, so
     * fields are counted from the last ')'. Jiffies = utime + stime (fields 14 and 15), plus cutime + cstime (16, 17)
     * when {@code withChildren}: the script's own time comes from os.times(), which counts waited-for children.
     */
    public static Proc parsePidStat(String line, boolean withChildren) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/[pid]/stat line: " + line);
        }
        String comm = line.substring(open + 1, close);
        String[] fl = line.substring(close + 2).trim().split("\\s+"); // fl[0] = state (field 3)
        long j = Long.parseLong(fl[11]) + Long.parseLong(fl[12]);
        if (withChildren) {
            j += Long.parseLong(fl[13]) + Long.parseLong(fl[14]);
        }
        return new Proc(comm, j);
    }
}
