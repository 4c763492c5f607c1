package dev.arouter.translate.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import dev.arouter.testing.PauseMeter;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Streams through the gateway: live, event by event, usage always learnt, upstream aborted on disconnect. */
class OpenAiStreamingTest extends GatewayTestBase {

    static String request(String user, boolean includeUsage) {
        return """
                {"model":"openai/gpt-5.4","stream":true,%s"user":"%s",
                 "messages":[{"role":"user","content":"Why do lighthouses use different flash patterns?"}]}"""
                .formatted(includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "", user);
    }

    static List<String> chunks(int contentPieces) {
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1741952318,\"model\":\"gpt-5.4-2026\",";
        List<String> events = new ArrayList<>();
        events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n");
        for (int i = 0; i < contentPieces; i++) {
            events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"piece" + i + " \"},\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        events.add("data: " + head + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + contentPieces
                + ",\"total_tokens\":" + (12 + contentPieces) + ",\"prompt_tokens_details\":{\"cached_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    private HttpResponse<InputStream> open(String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + clientKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads data lines with their arrival times. */
    static List<long[]> readData(BufferedReader reader, List<String> lines, int max) throws Exception {
        List<long[]> times = new ArrayList<>();
        String line;
        while (times.size() < max && (line = reader.readLine()) != null) {
            if (line.startsWith("data: ")) {
                lines.add(line.substring(6));
                times.add(new long[] {System.nanoTime()});
            }
        }
        return times;
    }

    @Test
    void eachEventReachesTheClientBeforeTheNextIsProduced() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(chunks(5), 200));
        HttpResponse<InputStream> r;
        List<String> lines = new ArrayList<>();
        List<long[]> arrivals;
        PauseMeter pauses = PauseMeter.start(20);
        try (pauses) {
            r = open(request("live-1", false));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                arrivals = readData(reader, lines, 100);
            }
        }
        List<Long> sent = UPSTREAM.sendTimes.get("live-1");
        // role + 5 pieces + finish + [DONE]; the usage chunk the gateway asked for is not forwarded
        assertThat(lines).hasSize(8);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("[DONE]");
        for (int i = 0; i < 6; i++) {
            // the i-th forwarded event arrived before the upstream produced event i+1 (200 ms later),
            // unless a stop of the whole JVM (client, gateway and mock share it) explains the delay
            long lateBy = arrivals.get(i)[0] - sent.get(i + 1);
            assertThat(lateBy < 0 || pauses.pausedWithin(sent.get(i), arrivals.get(i)[0]) > lateBy)
                    .as("event %d arrived live (late by %d ms; JVM pauses %s)", i, lateBy / 1_000_000,
                            pauses.describe(sent.get(0))).isTrue();
        }
        for (String l : lines.subList(0, 7)) {
            JsonNode chunk = json(l);
            assertThat(chunk.get("model").asText()).isEqualTo("openai/gpt-5.4");
            assertThat(chunk.get("choices")).isNotEmpty();
        }
        JsonNode sentBody = json(UPSTREAM.last().body());
        assertThat(sentBody.at("/stream_options/include_usage").asBoolean()).isTrue();
        Map<String, Object> row = usageRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(((Number) row.get("prompt_tokens")).intValue()).isEqualTo(12);
        assertThat(((Number) row.get("completion_tokens")).intValue()).isEqualTo(5);
        assertThat(row.get("stream")).isEqualTo(true);
        assertThat(row.get("usage_estimated")).isEqualTo(false);
        assertThat(((Number) row.get("ttfb_ms")).longValue()).isLessThan(((Number) row.get("latency_ms")).longValue());
    }

    @Test
    void usageChunkIsForwardedWhenTheClientAskedForIt() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(Fixtures.sseEvents("openai/chat-stream-text.sse"), 0));
        HttpResponse<String> r = post("/v1/chat/completions", request("usage-1", true),
                Map.of("Authorization", "Bearer " + clientKey()));
        List<String> data = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        JsonNode usageChunk = json(data.get(data.size() - 2));
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.at("/usage/total_tokens").asInt()).isPositive();
        assertThat(usageChunk.get("model").asText()).isEqualTo("openai/gpt-5.4");
        Map<String, Object> row = usageRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(((Number) row.get("prompt_tokens")).intValue()).isEqualTo(usageChunk.at("/usage/prompt_tokens").asInt());
        assertThat(((Number) row.get("completion_tokens")).intValue()).isEqualTo(usageChunk.at("/usage/completion_tokens").asInt());
    }

    @Test
    void eventsLargerThanEveryBufferOnTheWayArriveWhole() throws Exception {
        // the relay reads 2 KB pieces, the upstream connection buffers 4 KB, Tomcat writes 8 KB:
        // a 100 KB event (a long tool-call argument, a whole paragraph) must still be one event
        String big = "\u00e9t\u00e9 \ud83d\ude00 ".repeat(10_000); // multi-byte UTF-8 across every boundary
        List<String> events = new ArrayList<>(chunks(2));
        events.add(2, "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1741952318,\"model\":\"gpt-5.4-2026\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + big + "\"},\"finish_reason\":null}],\"usage\":null}\n\n");
        UPSTREAM.answer(r -> new MockUpstream.Sse(events, 0));

        HttpResponse<String> r = post("/v1/chat/completions", request("big-1", false), Map.of("Authorization", "Bearer " + clientKey()));

        assertThat(r.statusCode()).isEqualTo(200);
        List<String> data = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(data).hasSize(events.size() - 1); // the usage chunk the client did not ask for is dropped
        StringBuilder content = new StringBuilder();
        for (String d : data.subList(0, data.size() - 1)) content.append(json(d).at("/choices/0/delta/content").asText(""));
        assertThat(content.toString()).isEqualTo("piece0 " + big + "piece1 ");
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    }

    @Test
    void toolCallDeltasPassThroughUnchanged() throws Exception {
        List<String> events = Fixtures.sseEvents("openai/chat-stream-tools.sse");
        UPSTREAM.answer(r -> new MockUpstream.Sse(events, 0));
        HttpResponse<String> r = post("/v1/chat/completions", request("tools-1", false),
                Map.of("Authorization", "Bearer " + clientKey()));
        StringBuilder args0 = new StringBuilder();
        StringBuilder upstreamArgs0 = new StringBuilder();
        for (String l : r.body().lines().filter(l -> l.startsWith("data: {")).toList()) {
            json(l.substring(6)).at("/choices/0/delta/tool_calls").forEach(tc -> {
                if (tc.get("index").asInt() == 0) args0.append(tc.at("/function/arguments").asText(""));
            });
        }
        for (String e : events) {
            if (!e.startsWith("data: {")) continue;
            json(e.substring(6).trim()).at("/choices/0/delta/tool_calls").forEach(tc -> {
                if (tc.get("index").asInt() == 0) upstreamArgs0.append(tc.at("/function/arguments").asText(""));
            });
        }
        assertThat(args0.toString()).isNotEmpty().isEqualTo(upstreamArgs0.toString());
        assertThat(json(args0.toString()).isObject()).isTrue();
    }

    @Test
    void midStreamUpstreamErrorIsRelayedAsAnErrorEvent() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(Fixtures.sseEvents("openai/stream-error-midstream.sse"), 0));
        HttpResponse<String> r = post("/v1/chat/completions", request("err-1", false),
                Map.of("Authorization", "Bearer " + clientKey()));
        List<String> data = r.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(json(data.get(data.size() - 1).substring(6)).has("error")).isTrue();
        assertThat(r.body()).doesNotContain("[DONE]");
        Map<String, Object> row = usageRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(row.get("outcome")).isEqualTo("upstream_error");
    }

    @Test
    void streamCutShortByTheUpstreamEndsWithAnErrorEventNotACleanClose() throws Exception {
        List<String> cut = chunks(3).subList(0, 3); // no finish, no usage, no [DONE]
        UPSTREAM.answer(r -> new MockUpstream.Sse(cut, 0));
        HttpResponse<String> r = post("/v1/chat/completions", request("cut-1", false),
                Map.of("Authorization", "Bearer " + clientKey()));
        List<String> data = r.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(data).hasSize(4);
        assertThat(json(data.get(3).substring(6)).at("/error/code").asText()).isEqualTo("stream_interrupted");
    }

    @Test
    void aProviderThatFinishesWithoutDoneStillGivesTheClientDone() throws Exception {
        List<String> noDone = chunks(2).subList(0, 4); // role, 2 pieces, finish; no usage, no [DONE]
        UPSTREAM.answer(r -> new MockUpstream.Sse(noDone, 0));
        HttpResponse<String> r = post("/v1/chat/completions", request("nodone-1", false),
                Map.of("Authorization", "Bearer " + clientKey()));
        List<String> data = r.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(data).hasSize(5);
        assertThat(data.get(4)).isEqualTo("data: [DONE]");
        assertThat(usageRow(r.headers().firstValue("X-Request-Id").orElseThrow()).get("outcome")).isEqualTo("ok");
    }

    @Test
    void clientDisconnectAbortsTheUpstreamAndUsageIsStillRecorded() throws Exception {
        int abortedBefore = UPSTREAM.abortedStreams.get();
        UPSTREAM.answer(r -> new MockUpstream.Sse(chunks(40), 200));
        HttpResponse<InputStream> r = open(request("gone-1", false));
        String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
        BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        readData(reader, new ArrayList<>(), 4);
        long closedAt = System.nanoTime();
        r.body().close(); // the client goes away after 4 events

        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (UPSTREAM.abortedStreams.get() == abortedBefore && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(UPSTREAM.abortedStreams.get()).as("upstream connection closed by the gateway").isGreaterThan(abortedBefore);
        // the upstream would have needed ~7 s more to finish; it was cut within a few events
        assertThat(UPSTREAM.sendTimes.get("gone-1").size()).isLessThan(15);
        assertThat((System.nanoTime() - closedAt) / 1_000_000).isLessThan(3000);

        Map<String, Object> row = usageRow(requestId);
        assertThat(row.get("outcome")).isEqualTo("client_closed");
        assertThat(row.get("usage_estimated")).isEqualTo(true);
        assertThat(((Number) row.get("completion_tokens")).intValue()).isGreaterThanOrEqualTo(3);
        assertThat(((Number) row.get("prompt_tokens")).intValue()).isPositive();
    }
}
