package dev.arouter.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A provider failing in the middle of a stream reaches the client as its own family's in-stream
 * error event, never as a clean close, whatever the two families are; and the row says so.
 */
class MidStreamErrorTest extends GatewayTestBase {

    static List<String> data(String sse) {
        return sse.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim()).toList();
    }

    @Test
    void anthropicOverloadMidStreamBecomesAnOpenAiErrorEvent() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(dev.arouter.testing.Fixtures.sseEvents("anthropic/stream-error-overloaded.sse"), 0));
        HttpResponse<String> r = chat("""
                {"model":"anthropic/claude-sonnet-4.6","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> events = data(r.body());
        assertThat(r.body()).contains("Each lighthouse blinks").doesNotContain("[DONE]");
        JsonNode last = json(events.get(events.size() - 1));
        assertThat(last.has("error")).as(r.body()).isTrue();
        assertThat(usageRow(r.headers().firstValue("X-Request-Id").orElseThrow()).get("outcome")).isEqualTo("upstream_error");
    }

    @Test
    void geminiErrorMidStreamBecomesAnAnthropicErrorEvent() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(dev.arouter.testing.Fixtures.sseEvents("gemini/stream-error-midstream.sse"), 0));
        HttpResponse<String> r = post("/v1/messages", """
                {"model":"google/gemini-2.5-flash","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""",
                Map.of("x-api-key", clientKey()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("event: message_start").contains("event: error").doesNotContain("event: message_stop");
        assertThat(usageRow(r.headers().firstValue("X-Request-Id").orElseThrow()).get("outcome")).isEqualTo("upstream_error");
    }

    @Test
    void openAiStreamCutShortBecomesAGeminiErrorChunk() throws Exception {
        String head = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5.4\",";
        UPSTREAM.answer(r -> new MockUpstream.Sse(List.of(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Each lighthouse\"},\"finish_reason\":null}]}\n\n"), 0));
        HttpResponse<String> r = post("/v1beta/models/openai/gpt-5.4:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", Map.of("x-goog-api-key", clientKey()));
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> events = data(r.body());
        assertThat(r.body()).contains("Each lighthouse");
        assertThat(json(events.get(events.size() - 1)).has("error")).as(r.body()).isTrue();
    }
}
