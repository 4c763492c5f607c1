package dev.arouter.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reasoning survives the gateway: Claude's thinking reaches an OpenAI client as
 * {@code reasoning_content}, an OpenAI client's {@code reasoning_effort} becomes a thinking budget,
 * and an Anthropic client talking to Claude gets the thinking block and its signature unchanged.
 */
class ThinkingThroughGatewayTest extends GatewayTestBase {

    static final String THINKING_SSE = "anthropic/messages-stream-thinking.sse";

    @Test
    void claudeThinkingReachesAnOpenAiClientAsReasoningContent() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(dev.arouter.testing.Fixtures.sseEvents(THINKING_SSE), 0));
        HttpResponse<String> r = chat("""
                {"model":"anthropic/claude-sonnet-4.6","stream":true,"reasoning_effort":"high",
                 "messages":[{"role":"user","content":"When do a 4 s and a 6 s light flash together again?"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (String line : r.body().lines().filter(l -> l.startsWith("data: {")).toList()) {
            JsonNode delta = json(line.substring(6)).at("/choices/0/delta");
            reasoning.append(delta.path("reasoning_content").asText(""));
            text.append(delta.path("content").asText(""));
        }
        assertThat(reasoning.toString()).isEqualTo("Both periods divide their least common multiple. LCM(4, 6) = 12, so 12 seconds.");
        assertThat(text.toString()).isNotBlank();
        assertThat(r.body()).contains("data: [DONE]");

        JsonNode sent = json(UPSTREAM.last().body());
        assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(sent.at("/thinking/budget_tokens").asInt()).isGreaterThanOrEqualTo(1024);
        assertThat(sent.get("max_tokens").asInt()).isGreaterThan(sent.at("/thinking/budget_tokens").asInt());
    }

    @Test
    void anAnthropicClientTalkingToClaudeGetsThinkingAndSignatureUnchanged() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(dev.arouter.testing.Fixtures.sseEvents(THINKING_SSE), 0));
        HttpResponse<String> r = post("/v1/messages", dev.arouter.testing.Fixtures.text("anthropic/messages-stream-thinking.request.json")
                .replaceFirst("\"model\"\\s*:\\s*\"[^\"]*\"", "\"model\": \"anthropic/claude-sonnet-4.6\""),
                Map.of("x-api-key", clientKey()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"type\":\"thinking_delta\"")
                .contains("\"signature\":\"EqoBCkgIBhABGAIiQGx3c2F0bW9zcGhlcmljLXNpZ25hdHVyZS1leGFtcGxlLW5vdC1yZWFsEgx0aGlua2luZy1zaWcaDGludmVudGVkLWRhdGE=\"")
                .contains("\"model\":\"anthropic/claude-sonnet-4.6\"")
                .contains("event: message_stop");
        assertThat(json(UPSTREAM.last().body()).at("/thinking/budget_tokens").asInt()).isEqualTo(1600);
    }
}
