package org.sgae.tensor.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;

class MemoryTest {
    @Test
    void scopeClosesItsTensorsAndThePoolReusesTheirArrays() {
        Object first;
        Tensor kept;
        try (MemoryScope s = MemoryScope.open()) {
            Tensor a = Tensor.empty(DType.F32, 1 << 16);
            first = a.cpu().array();
            kept = MemoryScope.keep(Tensor.zeros(8));
            assertEquals(1, s.size());
            assertTrue(a.scope() == s);
        }
        assertFalse(kept.isClosed());
        try (MemoryScope s = MemoryScope.open()) {
            Tensor b = Tensor.empty(DType.F32, (1 << 16) - 5); // same size class
            assertSame(first, b.cpu().array(), "the pooled array should be handed out again");
        }
    }

    @Test
    void viewsKeepStorageAliveUntilTheLastCloses() {
        Tensor a = Tensor.zeros(4096);
        Tensor v = a.reshape(64, 64);
        Storage st = a.storage();
        a.close();
        assertFalse(st.isFreed());
        try (MemoryScope s = MemoryScope.open()) {
            assertEquals(0.0, v.sum().item()); // the sum's internal views are closed with the scope
        }
        v.close();
        assertTrue(st.isFreed());
    }

    @Test
    void useAfterCloseIsAClearError() {
        Tensor a = Tensor.zeros(10);
        a.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, a::storage);
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void sizeClassesBoundWaste() {
        for (int n = 1025; n < 5_000_000; n = n * 3 / 2 + 7) {
            int c = CpuPool.sizeClass(n);
            assertTrue(c >= n && c <= n * 1.25 + 1, n + " -> " + c);
            assertEquals(c, CpuPool.sizeClass(c), "a class size maps to itself");
        }
    }

    @Test
    void outOfMemoryIsOneClearError() {
        long tooBig = Runtime.getRuntime().maxMemory() / 8 + 16;
        int n = (int) Math.min(Integer.MAX_VALUE - 64, tooBig * 3); // F64: more bytes than the heap holds
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Tensor.empty(DType.F64, n));
        assertTrue(e.getMessage().contains("Out of CPU memory") && e.getMessage().contains("-Xmx"), e.getMessage());
    }
}
