package dev.arouter.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LingerQueueTest {

    @Test
    void boundedFifo() {
        LingerQueue<Integer> q = new LingerQueue<>(3, 10, TimeUnit.MILLISECONDS);
        assertThat(q.offer(1)).isTrue();
        assertThat(q.offer(2)).isTrue();
        assertThat(q.offer(3)).isTrue();
        assertThat(q.offer(4)).as("full").isFalse();
        assertThatThrownBy(() -> q.add(4)).isInstanceOf(IllegalStateException.class); // what seda's producer sees
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.remainingCapacity()).isZero();
        assertThat(q.poll()).isEqualTo(1);
        assertThat(q.offer(4)).isTrue();
        List<Integer> drained = new ArrayList<>();
        assertThat(q.drainTo(drained)).isEqualTo(3);
        assertThat(drained).containsExactly(2, 3, 4);
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.poll()).isNull();
    }

    /** What a consumer waiting in {@code poll(30 s)} got, and after how many ms, when "row" is offered {@code offerAfterMs} in. */
    private static Object[] pollWhileOffered(LingerQueue<String> q, long offerAfterMs) throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        long[] waited = new long[1];
        String[] got = new String[1];
        Thread consumer = Thread.ofPlatform().start(() -> {
            long t0 = System.nanoTime(); // before the producer's clock starts: the wait is never shorter than its sleep
            polling.countDown();
            try {
                got[0] = q.poll(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
            waited[0] = System.nanoTime() - t0;
        });
        polling.await();
        Thread.sleep(offerAfterMs);
        q.offer("row");
        consumer.join(35_000);
        return new Object[] {got[0], TimeUnit.NANOSECONDS.toMillis(waited[0])};
    }

    @Test
    void aWaitingConsumerSeesARowOfferedLaterWithinAboutOneLinger() throws Exception {
        Object[] r = pollWhileOffered(new LingerQueue<>(10, 20, TimeUnit.MILLISECONDS), 50);
        assertThat(r[0]).isEqualTo("row");
        // offered after ~50 ms; seen at the next look, not at the 30 s timeout
        assertThat((long) r[1]).isBetween(45L, 1_000L);
    }

    @Test
    void aConsumerIdleForLongerThanASecondIsWokenByTheNextOffer() throws Exception {
        // a linger of an hour: past the first empty look the consumer sleeps; only the offer can end it early
        Object[] r = pollWhileOffered(new LingerQueue<>(10, 1, TimeUnit.HOURS), 100);
        assertThat(r[0]).isEqualTo("row");
        assertThat((long) r[1]).isBetween(95L, 5_000L); // not the 30 s timeout
    }

    @Test
    void timedPollGivesUpAtItsTimeout() throws Exception {
        LingerQueue<String> q = new LingerQueue<>(10, 1_000, TimeUnit.MILLISECONDS);
        long t0 = System.nanoTime();
        assertThat(q.poll(30, TimeUnit.MILLISECONDS)).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(25L, 900L);
    }

    @Test
    void aConsumerWaitingInPollCanBeInterrupted() throws Exception {
        LingerQueue<String> q = new LingerQueue<>(10, 10, TimeUnit.MILLISECONDS);
        Throwable[] thrown = new Throwable[1];
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                q.take();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        Thread.sleep(30);
        consumer.interrupt();
        consumer.join(5_000);
        assertThat(thrown[0]).isInstanceOf(InterruptedException.class);
    }
}
