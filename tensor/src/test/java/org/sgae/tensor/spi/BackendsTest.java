package org.sgae.tensor.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;

/** The CPU backend comes through ServiceLoader like the device ones, and must always be there. */
class BackendsTest {
    @Test
    void cpuIsRegisteredAndAlwaysAvailable() {
        assertTrue(Backends.probe(DeviceKind.CPU).available());
        Backend cpu = Backends.of(Device.cpu());
        assertEquals(Device.cpu(), cpu.device());
        assertSame(cpu, Backends.of(Device.cpu()), "one CPU backend per JVM");
    }
}
