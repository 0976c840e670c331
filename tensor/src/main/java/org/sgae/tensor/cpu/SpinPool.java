package org.sgae.tensor.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads behind {@link CpuParallel}: {@code threads − 1} daemon workers plus the calling thread, which
 * works too. Idle workers spin for {@link #SPIN_NANOS} before they park, as OpenMP runtimes do: on these VMs waking
 * a parked thread costs 15–30 µs (a halted vCPU has to be woken by the hypervisor), which made an empty
 * fork/join region cost ~20 µs, more than many of the ops it split (the Winograd transforms of small layers run a
 * few hundred regions per pass). A spinning worker picks a job up in well under a microsecond.
 *
 * <p>Chunks are claimed from a counter, so a worker that is slow to wake (or a slow vCPU) never holds the others
 * up: the caller takes the chunks nobody has started. One job runs at a time; a forRange issued while one is
 * running (a nested call from a chunk, or another thread's) runs inline on its own thread.
 */
final class SpinPool {
    /** How long an idle worker spins before parking. */
    static final long SPIN_NANOS = 200_000;

    /** One forRange call: chunks of [0, n) handed out by {@code next}; {@code done} counts finished ones. */
    private static final class Job {
        final CpuParallel.RangeBody body;
        final int n;
        final int chunks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable error;

        Job(CpuParallel.RangeBody body, int n, int chunks) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
        }

        /** Runs unclaimed chunks until none is left. */
        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    if (error == null) {
                        body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                    }
                } catch (Throwable t) {
                    if (error == null) {
                        error = t;
                    }
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private final class Worker extends Thread {
        volatile boolean sleeping;

        Worker(int i) {
            super("sgae-cpu-" + i);
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long spinStart = System.nanoTime();
                int spins = 0;
                while (seq == seen) {
                    if ((++spins & 63) != 0 || System.nanoTime() - spinStart < SPIN_NANOS) {
                        Thread.onSpinWait();
                        continue;
                    }
                    // Lost-wake-up free: the caller writes seq, then reads sleeping; we write sleeping, then
                    // read seq (all volatile), so one of the two sees the other's write.
                    sleeping = true;
                    if (seq == seen) {
                        LockSupport.park(this);
                    }
                    sleeping = false;
                    spinStart = System.nanoTime();
                }
                seen = seq;
                job.work();
            }
        }
    }

    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Written before {@link #seq}; read after it. */
    private volatile Job job;
    private volatile long seq;

    SpinPool(int threads) {
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    /**
     * Runs body over [0, n) in {@code chunks} fixed contiguous chunks, on the workers and this thread; returns
     * when all are done, rethrowing the first failure. Runs inline when a job is already running.
     */
    void run(int n, int chunks, CpuParallel.RangeBody body) {
        if (!busy.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            Job j = new Job(body, n, chunks);
            job = j;
            seq++;
            for (Worker w : workers) {
                if (w.sleeping) {
                    LockSupport.unpark(w);
                }
            }
            j.work();
            int spins = 0;
            while (j.done.get() < chunks) { // a worker is still inside a chunk
                Thread.onSpinWait();
                if ((++spins & 1023) == 0) {
                    Thread.yield(); // it may be descheduled: give it this vCPU
                }
            }
            Throwable t = j.error;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        } finally {
            busy.set(false);
        }
    }
}
