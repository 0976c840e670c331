package org.sgae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.cpu.gemm.GemmTiles;

/** {@code sgae doctor} reports the machine and the GEMM tile this process uses. */
class DoctorTest {
    @Test
    void printsTheMachineAndTheChosenTile() {
        CliRun r = CliRun.of("doctor");
        assertEquals(0, r.code(), r.err());
        String tile = GemmTiles.choice().tile().name;
        assertTrue(r.out().contains("gemm tile " + tile), r.out());
        assertTrue(r.out().contains("vector width  " + GemmTiles.preferredBits() + " bits"), r.out());
        assertTrue(r.out().contains(GemmTiles.cpuModel()), r.out());
        assertTrue(r.out().contains(GemmTiles.PROPERTY), r.out());
    }

    @Test
    void rejectsAnAbsurdBudget() {
        CliRun.of("doctor", "--calibrate", "--calibrate-ms", "5").assertOneLineError("--calibrate-ms 5");
    }
}
