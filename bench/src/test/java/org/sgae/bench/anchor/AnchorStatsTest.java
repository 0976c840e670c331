package org.sgae.bench.anchor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The script's rules on hand-made inputs, and the /proc parsers on fixed lines. */
class AnchorStatsTest {

    @Test
    void repsIsCeilOfTargetOverEstimateClampedToMinAndMax() {
        assertEquals(10, AnchorStats.reps(1.0, 0.1, 7, 200));
        assertEquals(11, AnchorStats.reps(1.0, 0.0999, 7, 200)); // ceil(10.01)
        assertEquals(7, AnchorStats.reps(1.0, 0.5, 7, 200)); // 2 → min_reps
        assertEquals(200, AnchorStats.reps(1.0, 0.002, 7, 200)); // 500 → max_reps
        assertEquals(200, AnchorStats.reps(1.0, 0.0, 7, 200)); // estimate floored at 1 µs
        assertEquals(3, AnchorStats.reps(0.3, 0.1, 3, 200)); // the script's --quick setting
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, AnchorStats.median(new double[] {1, 2, 9}));
        assertEquals(2.5, AnchorStats.median(new double[] {1, 2, 3, 100}));
        assertEquals(4.0, AnchorStats.median(new double[] {4}));
        assertThrows(IllegalArgumentException.class, () -> AnchorStats.median(new double[0]));
    }

    @Test
    void quantileIsNearestRankRoundedHalfUp() {
        double[] ten = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertEquals(1, AnchorStats.quantile(ten, 0.1)); // int(0.9 + 0.5) = 1
        assertEquals(8, AnchorStats.quantile(ten, 0.9)); // int(8.1 + 0.5) = 8
        double[] seven = {10, 11, 12, 13, 14, 15, 16};
        assertEquals(11, AnchorStats.quantile(seven, 0.1)); // int(0.6 + 0.5) = 1
        assertEquals(15, AnchorStats.quantile(seven, 0.9)); // int(5.4 + 0.5) = 5
        assertEquals(16, AnchorStats.quantile(seven, 1.0));
        assertEquals(5, AnchorStats.quantile(new double[] {5}, 0.9));
        double[] three = {1, 2, 3};
        assertEquals(2, AnchorStats.quantile(three, 0.25)); // int(0.5 + 0.5) = 1: halves round up
    }

    @Test
    void bestPassIsTheFastestCleanOneElseTheFastest() {
        // the contaminated pass is fastest but a clean one exists
        assertEquals(2, AnchorStats.bestIndex(new double[] {5, 7, 6}, new boolean[] {true, false, false}));
        // all contaminated: the fastest overall
        assertEquals(0, AnchorStats.bestIndex(new double[] {5, 7, 6}, new boolean[] {true, true, true}));
        // all clean
        assertEquals(1, AnchorStats.bestIndex(new double[] {5, 4, 6}, new boolean[] {false, false, false}));
        // ties go to the earlier pass, as Python's min()
        assertEquals(1, AnchorStats.bestIndex(new double[] {3, 4, 4}, new boolean[] {true, false, false}));
        assertThrows(IllegalArgumentException.class, () -> AnchorStats.bestIndex(new double[0], new boolean[0]));
    }

    @Test
    void spreadIsSlowestOverFastestRoundedTo3() {
        assertEquals(1.5, AnchorStats.spread(new double[] {2, 3, 2.5}));
        assertEquals(1.333, AnchorStats.spread(new double[] {3, 4}));
        assertNull(AnchorStats.spread(new double[] {0, 4}));
    }

    @Test
    void roundMatchesPythonOnTheExactBinaryValue() {
        assertEquals(2.67, AnchorStats.round(2.675, 2)); // 2.675 is 2.67499999… in binary, Python gives 2.67
        assertEquals(0.5, AnchorStats.round(0.5, 3));
        assertEquals(1.2346, AnchorStats.round(1.23456, 4));
        assertEquals(-1.0, AnchorStats.round(-1.0, 3));
    }

    @Test
    void procStatCpuLine() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        ProcStat.Cpu c = ProcStat.parseCpuLine("cpu  100 20 30 400 50 6 7 8 9 10");
        assertEquals(100 + 20 + 30 + 6 + 7, c.busy()); // first 8 summed, minus idle, iowait and steal
        assertEquals(8, c.steal());
        // an old kernel without steal
        ProcStat.Cpu old = ProcStat.parseCpuLine("cpu 1 2 3 4 5");
        assertEquals(6, old.busy());
        assertEquals(0, old.steal());
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parseCpuLine("cpu0 1 2 3 4 5 6 7 8"));
    }

    @Test
    void procPidStatLineWithAWeirdCommandName() {
        String line = "4242 (my (odd) proc) S 1 4242 4242 0 -1 4194560 100 0 0 0 31 17 5 3 20 0 4 0 123 0 0";
        ProcStat.Proc p = ProcStat.parsePidStat(line, false);
        assertEquals("my (odd) proc", p.comm());
        assertEquals(31 + 17, p.jiffies()); // utime + stime
        assertEquals(31 + 17 + 5 + 3, ProcStat.parsePidStat(line, true).jiffies()); // + cutime + cstime
    }

    @Test
    void crnCaseDescribesTheAnchorsNetwork() {
        // the numbers of crn_b8_l128_64x64_sg2im_* in bench/results/torch-crn-2026-11-25-2218.json
        List<AnchorCase> crn = AnchorCases.of(List.of("crn"));
        assertEquals(List.of("crn_b8_l128_64x64_sg2im_fwd_train", "crn_b8_l128_64x64_sg2im_fwd_eval",
                "crn_b8_l128_64x64_sg2im_fwdbwd"), crn.stream().map(AnchorCase::name).toList());
        Map<String, Object> p = crn.get(0).params();
        assertEquals(21181315L, p.get("parameters"));
        assertEquals(43.199, p.get("conv_gflop_fwd"));
        assertEquals(8126464L, p.get("bn_elems_fwd"));
        assertEquals(10223616L, p.get("act_elems_fwd"));
        assertEquals(43.1995, AnchorStats.round(crn.get(0).flop() / 1e9, 4));
        assertEquals(129.5985, AnchorStats.round(crn.get(2).flop() / 1e9, 4));
    }

    @Test
    void convAndSgemmFlopsMatchTheTorchJson() {
        List<AnchorCase> conv = AnchorCases.of(List.of("conv"));
        assertEquals(12, conv.size());
        assertEquals("conv_small_n8_32to64x64_fwdbwd", conv.get(11).name());
        assertEquals(3.6994, AnchorStats.round(conv.get(0).flop() / 1e9, 4)); // conv_vgg_64x224_fwd
        assertEquals(2.7745, AnchorStats.round(conv.get(9).flop() / 1e9, 4)); // conv_vgg_512x14_fwdbwd
        assertEquals(1.208, AnchorStats.round(conv.get(10).flop() / 1e9, 4));
        List<AnchorCase> sgemm = AnchorCases.of(List.of("sgemm"));
        assertEquals("sgemm_2048", sgemm.get(2).name());
        assertEquals(17.1799, AnchorStats.round(sgemm.get(2).flop() / 1e9, 4));
    }
}
