package dev.arouter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * After a burst, the gateway keeps a warm reserve of provider connections (1 in tests) past
 * arouter.upstream.max-idle (2 s in tests) and closes the rest; the reserve goes after
 * arouter.upstream.warm-max-idle (5 s in tests).
 */
class UpstreamIdleConnectionsTest extends GatewayTestBase {

    static final String STREAM = "{\"model\":\"openai/gpt-5.4\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Autowired
    PoolingHttpClientConnectionManager upstreamConnections;

    @Test
    void aBurstLeavesOneWarmConnectionPastMaxIdleAndNoneAfterWarmMaxIdle() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(Fixtures.sseEvents("openai/chat-stream-text.sse"), 100));
        List<Future<Integer>> burst = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) burst.add(clients.submit(() -> chat(STREAM).statusCode()));
            for (Future<Integer> call : burst) assertThat(call.get()).isEqualTo(200);
        }
        long idleSince = System.nanoTime();
        // each is released just after its stream's last bytes reached the client: wait for it, well within max-idle
        millisUntil(() -> available() >= 3, Duration.ofSeconds(1)); // the burst's connections, back in the pool

        millisUntil(() -> available() <= 1, Duration.ofSeconds(15)); // all but the warm one closed
        assertThat(available()).as("the warm reserve").isEqualTo(1);
        millisUntil(() -> available() == 0, Duration.ofSeconds(15)); // and the warm one too, later
        assertThat((System.nanoTime() - idleSince) / 1e9).as("the warm one outlived max-idle").isGreaterThan(4.5);

        // and the next call simply opens a new one
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        assertThat(chat("{\"model\":\"openai/gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);
    }

    private int available() {
        return upstreamConnections.getTotalStats().getAvailable();
    }
}
