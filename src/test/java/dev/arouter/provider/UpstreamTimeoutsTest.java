package dev.arouter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The provider's first-byte timeout (1.5 s for the test provider {@code slowtest}) bounds every
 * wait on the provider, not the length of a stream: a slow but steady stream completes, a stalled
 * one ends with an in-stream timeout error and the provider connection is dropped.
 */
class UpstreamTimeoutsTest extends GatewayTestBase {

    private static final String HEAD = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"slow-1\",";

    @Autowired
    UpstreamDeadlines deadlines;

    private static List<String> chunks(int contentEvents) {
        var events = new java.util.ArrayList<String>();
        events.add(HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (int i = 0; i < contentEvents; i++) {
            events.add(HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"part" + i + " \"},\"finish_reason\":null}]}\n\n");
        }
        events.add(HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static List<String> data(String sse) {
        return sse.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim()).toList();
    }

    private HttpResponse<String> stream(String model) throws Exception {
        return chat("{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void aSteadyStreamLongerThanTheTimeoutIsNotCut() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(chunks(3), 600)); // 5 gaps of 0.6 s: 3 s in all, > 1.5 s
        long t0 = System.nanoTime();
        HttpResponse<String> r = stream("slowtest/slow-1");
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThan(2500L);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("part0", "part1", "part2").endsWith("data: [DONE]\n\n");
    }

    @Test
    void aStalledStreamEndsWithATimeoutErrorAndTheProviderIsDropped() throws Exception {
        int abortedBefore = UPSTREAM.abortedStreams.get();
        UPSTREAM.answer(r -> new MockUpstream.Sse(List.of(chunks(1).get(0), chunks(1).get(1), chunks(1).get(2)), 8000));
        long t0 = System.nanoTime();
        HttpResponse<String> r = stream("slowtest/slow-1");
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertThat(took).as("cut after the 1.5 s timeout, well before the 8 s gap ends").isBetween(1400L, 6500L);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> events = data(r.body());
        assertThat(events.get(0)).contains("\"role\":\"assistant\"");
        JsonNode last = json(events.get(events.size() - 1));
        assertThat(last.path("error").path("message").asText()).contains("timeout");
        assertThat(r.body()).doesNotContain("[DONE]");
        assertThat(usageRow(r.headers().firstValue("X-Request-Id").orElseThrow()).get("status")).isEqualTo(504);
        // the mock notices the dropped connection when it writes its next event
        Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> UPSTREAM.abortedStreams.get() > abortedBefore);
        Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> deadlines.watching() == 0);
    }

    @Test
    void theTimeoutIsGatewayInternalAndJsonAnswersCarryALength() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        HttpResponse<String> r = chat("{\"model\":\"openai/gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.last().headers().keySet()).noneMatch(h -> h.startsWith("x-arouter"));
        assertThat(r.headers().firstValue("Content-Length")).contains(String.valueOf(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(r.headers().firstValue("Transfer-Encoding")).isEmpty();
        Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> deadlines.watching() == 0);
    }

    @Test
    void aWaitAfterTheTimeoutFiredStaysFailed() throws Exception {
        UpstreamDeadlines.Watch w = deadlines.watch(java.time.Duration.ofMillis(200));
        w.beginWait();
        long until = System.nanoTime() + 5_000_000_000L;
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < until) Thread.onSpinWait();
        assertThat(Thread.currentThread().isInterrupted()).as("the watchdog interrupts a wait past its timeout").isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(w::endWait).isInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("the watchdog's interrupt is consumed").isFalse();
        w.beginWait();
        org.assertj.core.api.Assertions.assertThatThrownBy(w::endWait).isInstanceOf(java.net.SocketTimeoutException.class);
        w.close();
    }
}
