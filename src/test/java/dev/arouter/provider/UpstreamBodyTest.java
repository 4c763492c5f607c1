package dev.arouter.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arouter.ingress.GatewayException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whole upstream bodies are read exactly, whatever the announced length says, and capped. */
class UpstreamBodyTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Hands out at most 7 bytes per read, as a network stream may. */
    private static InputStream trickle(byte[] b) {
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void readsTheWholeBodyWithOrWithoutAnAccurateLength() throws IOException {
        for (int size : new int[] {0, 1, 7, 2047, 2048, 2049, 100_000}) {
            byte[] body = bytes(size);
            assertThat(UpstreamBody.read(trickle(body), 1_000_000, size)).as("exact hint, %d", size).isEqualTo(body);
            assertThat(UpstreamBody.read(trickle(body), 1_000_000, -1)).as("no hint, %d", size).isEqualTo(body);
            assertThat(UpstreamBody.read(trickle(body), 1_000_000, size / 2)).as("short hint, %d", size).isEqualTo(body);
            assertThat(UpstreamBody.read(trickle(body), 1_000_000, size * 2L + 1)).as("long hint, %d", size).isEqualTo(body);
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndOneAtTheLimitIsNot() throws IOException {
        byte[] body = bytes(5000);
        assertThat(UpstreamBody.read(trickle(body), 5000, -1)).isEqualTo(body);
        assertThat(UpstreamBody.read(trickle(body), 5000, 5000)).isEqualTo(body);
        for (long hint : new long[] {-1, 10, 4999, 5000}) {
            assertThatThrownBy(() -> UpstreamBody.read(trickle(body), 4999, hint)).as("hint %d", hint)
                    .isInstanceOf(GatewayException.class).hasMessageContaining("exceeded 4999 bytes");
        }
    }
}
