package dev.arouter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The meter the timing tests rely on sees a real stop of the whole process, and where it was. */
class PauseMeterTest {

    @Test
    void aStoppedProcessIsMeasuredAsOnePauseInItsWindow() throws Exception {
        long pid = ProcessHandle.current().pid();
        PauseMeter meter = PauseMeter.start(20);
        long before;
        long after;
        try (meter) {
            Thread.sleep(100);
            before = System.nanoTime();
            // the whole JVM is stopped by the kernel for 300 ms, as on a VM that is not scheduled
            Process stopper = new ProcessBuilder("sh", "-c", "kill -STOP " + pid + "; sleep 0.3; kill -CONT " + pid).start();
            assertThat(stopper.waitFor()).isZero();
            Thread.sleep(100);
            after = System.nanoTime();
        }
        assertThat(meter.pausedWithin(before, after) / 1_000_000).isBetween(250L, 1_000L);
        assertThat(meter.pausedWithin(after, after + 1_000_000_000L)).isZero();
        assertThat(meter.describe(before)).contains("for ");
    }
}
