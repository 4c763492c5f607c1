package dev.arouter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Pooled provider connections are closed once idle longer than arouter.upstream.max-idle (2 s in tests). */
class UpstreamIdleConnectionsTest extends GatewayTestBase {

    @Autowired
    PoolingHttpClientConnectionManager upstreamConnections;

    @Test
    void idleProviderConnectionsAreClosedAfterMaxIdle() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        var r = chat("{\"model\":\"openai/gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstreamConnections.getTotalStats().getAvailable()).as("the call's connection, back in the pool").isPositive();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (upstreamConnections.getTotalStats().getAvailable() > 0 && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(upstreamConnections.getTotalStats().getAvailable()).as("idle connections left after max-idle").isZero();
        // and the next call simply opens a new one
        assertThat(chat("{\"model\":\"openai/gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);
    }
}
