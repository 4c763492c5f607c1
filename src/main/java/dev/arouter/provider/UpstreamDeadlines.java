package dev.arouter.provider;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The provider's first-byte (and idle) timeout, enforced by one watchdog thread instead of a
 * socket timeout on every read.
 *
 * <p>Why: on a virtual thread, each socket read with a timeout arms and cancels a timer in the
 * JDK's delay scheduler, which wakes the scheduler thread both times. That was ~12% of the gateway's
 * CPU per non-streamed request and paid again for every relayed stream event. Here a read only
 * stamps its start in a volatile field; the watchdog looks at all waits every
 * {@code arouter.upstream.deadline-tick} and interrupts a thread that has waited too long, which on
 * a virtual thread closes the socket and fails the blocked read. The failure surfaces as a
 * {@link SocketTimeoutException}, as a socket timeout would have.
 */
@Component
public class UpstreamDeadlines implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamDeadlines.class);

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final long tickNanos;
    private final Thread watchdog;
    private volatile boolean running = true;

    public UpstreamDeadlines(@Value("${arouter.upstream.deadline-tick:100ms}") Duration tick) {
        this.tickNanos = tick.toNanos();
        this.watchdog = Thread.ofPlatform().daemon().name("arouter-upstream-deadlines").unstarted(this::watch);
        watchdog.start();
    }

    /** Starts watching waits of the calling thread on one upstream call; {@link Watch#close} ends it. */
    public Watch watch(Duration timeout) {
        Watch w = new Watch(this, Thread.currentThread(), timeout.toNanos());
        watches.add(w);
        return w;
    }

    /** Calls being watched right now (open upstream calls and streams). */
    public int watching() {
        return watches.size();
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(Duration.ofNanos(tickNanos));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : watches) {
                try {
                    w.expireIfDue(now);
                } catch (RuntimeException e) {
                    LOG.warn("Upstream deadline check failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void destroy() {
        running = false;
        watchdog.interrupt();
    }

    /**
     * The waits of one upstream call. The owning thread brackets every blocking step with
     * {@link #beginWait()} and {@link #endWait()}; the watchdog fires when one wait lasts longer
     * than the timeout.
     */
    public static final class Watch implements AutoCloseable {
        private static final int IDLE = 0;
        private static final int WAITING = 1;
        private static final int FIRING = 2;
        private static final int FIRED = 3;

        private final UpstreamDeadlines owner;
        private final Thread thread;
        private final long timeoutNanos;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile long waitingSince;
        private volatile boolean timedOut;

        private Watch(UpstreamDeadlines owner, Thread thread, long timeoutNanos) {
            this.owner = owner;
            this.thread = thread;
            this.timeoutNanos = timeoutNanos;
        }

        public void beginWait() {
            if (timedOut) return; // the call is over; its socket is closed
            waitingSince = System.nanoTime();
            state.set(WAITING);
        }

        /**
         * Ends the current wait; throws when the watchdog fired during it (the thread's interrupt is
         * consumed here, so nothing after the call sees it).
         */
        public void endWait() throws SocketTimeoutException {
            if (state.compareAndSet(WAITING, IDLE)) return;
            if (consumeTimeout()) throw timeout();
        }

        /**
         * After a blocking step failed: true when the failure is the watchdog's doing (its interrupt
         * is consumed here), false for any other failure.
         */
        public boolean consumeTimeout() {
            if (!timedOut) return false;
            while (state.get() == FIRING) Thread.onSpinWait(); // the watchdog is interrupting us right now
            Thread.interrupted();
            state.set(IDLE);
            return true;
        }

        public SocketTimeoutException timeout() {
            return new SocketTimeoutException("No data from the provider for " + timeoutNanos / 1_000_000 + " ms");
        }

        void expireIfDue(long now) {
            if (state.get() != WAITING || now - waitingSince <= timeoutNanos) return;
            if (!state.compareAndSet(WAITING, FIRING)) return;
            timedOut = true;
            thread.interrupt(); // closes the socket the virtual thread is blocked on
            state.set(FIRED);
        }

        @Override
        public void close() {
            owner.watches.remove(this);
        }
    }
}
