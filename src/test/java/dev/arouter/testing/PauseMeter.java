package dev.arouter.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Records the moments when the whole test JVM stood still: a GC pause, a safepoint, or the VM
 * itself not running (a fresh CI machine pays ~10 µs per first touch of each memory page, which
 * turned a heap expansion into a 1.7 s stop). A platform thread parks for 1 ms at a time, and any
 * wake-up later than {@code threshold} is a pause, the way jHiccup measures it.
 *
 * <p>Timing tests use it to tell "the gateway held an event back" (a failure) from "nothing in
 * this process ran" (the machine): an event is excused only by a pause long enough to explain all
 * of its lateness. A parked thread that wakes is scheduled ahead of busy threads, so CPU load alone
 * does not show up here as a pause.
 */
public final class PauseMeter implements AutoCloseable {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long thresholdNanos;
    private final List<long[]> pauses = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private PauseMeter(long thresholdMillis) {
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
        this.thread = Thread.ofPlatform().daemon().name("pause-meter").start(this::run);
    }

    /** Starts measuring; wake-ups later than {@code thresholdMillis} count as pauses. */
    public static PauseMeter start(long thresholdMillis) {
        return new PauseMeter(thresholdMillis);
    }

    private void run() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
            long after = System.nanoTime();
            if (after - before - TICK_NANOS > thresholdNanos) pauses.add(new long[] {before + TICK_NANOS, after});
        }
    }

    /** Nanoseconds of pause within [from, to] (nanoTime values). */
    public long pausedWithin(long from, long to) {
        long total = 0;
        for (long[] p : pauses) total += Math.max(0, Math.min(to, p[1]) - Math.max(from, p[0]));
        return total;
    }

    /** The pauses seen so far, as "start+duration" in ms relative to {@code origin}, for failure messages. */
    public String describe(long origin) {
        StringBuilder s = new StringBuilder("[");
        for (long[] p : pauses) {
            if (s.length() > 1) s.append(", ");
            s.append("at ").append((p[0] - origin) / 1_000_000).append(" ms for ").append((p[1] - p[0]) / 1_000_000).append(" ms");
        }
        return s.append(']').toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
