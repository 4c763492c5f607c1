package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest extends GatewayTestBase {

    static final String REQUEST = """
            {"model":"openai/gpt-5.4","messages":[{"role":"developer","content":"Be brief."},
             {"role":"user","content":"Why do lighthouses use different flash patterns?"}],
             "temperature":0.2,"metadata":{"k":"v"}}""";

    @Test
    void relaysAnswerWithPublicModelIdUsageAndHeaders() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));

        HttpResponse<String> r = chat(REQUEST);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r.body());
        assertThat(body.get("model").asText()).isEqualTo("openai/gpt-5.4");
        assertThat(body.at("/choices/0/message/content").asText()).startsWith("Each lighthouse blinks");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(38);
        String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).startsWith("req_");
        assertThat(r.headers().firstValue("X-ARouter-Provider")).contains("openai");
        assertThat(r.headers().firstValue("Authorization")).isEmpty();

        MockUpstream.Received up = UPSTREAM.last();
        assertThat(up.path()).isEqualTo("/v1/chat/completions");
        assertThat(up.header("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(up.header("X-Api-Key")).isNull();
        JsonNode sent = json(up.body());
        assertThat(sent.get("model").asText()).isEqualTo("gpt-5.4");
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.at("/messages/1/content").asText()).contains("lighthouses");
        assertThat(sent.has("stream_options")).isFalse();

        Map<String, Object> row = usageRow(requestId);
        assertThat(row.get("model_used")).isEqualTo("openai/gpt-5.4");
        assertThat(row.get("provider")).isEqualTo("openai");
        assertThat(((Number) row.get("prompt_tokens")).longValue()).isEqualTo(38);
        assertThat(((Number) row.get("completion_tokens")).longValue()).isEqualTo(33);
        // gpt-5.4: $1.25/M input, $10/M output
        assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo("0.0003775");
        assertThat(row.get("outcome")).isEqualTo("ok");
        assertThat(row.get("stream")).isEqualTo(false);
        assertThat(((Number) row.get("status")).intValue()).isEqualTo(200);
    }

    @Test
    void answerManyTimesTheConnectionBufferArrivesByteForByte() throws Exception {
        String content = "Lighthouse \u00e9clat \ud83d\udca1 ".repeat(20_000); // ~500 KB, multi-byte UTF-8 across 4 KB reads
        String answer = Fixtures.text("openai/chat-text.response.json").replaceFirst("\"content\": \"[^\"]*\"",
                java.util.regex.Matcher.quoteReplacement("\"content\": \"" + content + "\""));
        assertThat(answer).contains(content);
        UPSTREAM.answer(r -> new MockUpstream.Json(200, answer));

        HttpResponse<String> r = chat(REQUEST);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).at("/choices/0/message/content").asText()).isEqualTo(content);
    }

    @Test
    void clientKeyIsNeverForwardedAndCachedTokensArePricedOnce() throws Exception {
        String answer = Fixtures.text("openai/chat-text.response.json")
                .replace("\"cached_tokens\": 0", "\"cached_tokens\": 30");
        UPSTREAM.answer(r -> new MockUpstream.Json(200, answer));
        HttpResponse<String> r = post("/v1/chat/completions", REQUEST, Map.of("X-Api-Key", clientKey()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.last().body()).doesNotContain(clientKey());
        assertThat(UPSTREAM.last().header("X-Api-Key")).isNull();
        assertThat(UPSTREAM.last().header("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        Map<String, Object> row = usageRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(((Number) row.get("cached_tokens")).longValue()).isEqualTo(30);
        // 8 uncached at 1.25 + 30 cached at 0.125 + 33 output at 10, per million
        assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo("0.00034375");
    }

    @Test
    void keyIsAcceptedFromEveryHeaderSdksUse() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        String key = clientKey();
        assertThat(post("/v1/chat/completions", REQUEST, Map.of("Authorization", "Bearer " + key)).statusCode()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", REQUEST, Map.of("X-Api-Key", key)).statusCode()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", REQUEST, Map.of("x-goog-api-key", key)).statusCode()).isEqualTo(200);
        assertThat(post("/v1/chat/completions?key=" + key, REQUEST, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void providerAliasResolvesToCanonicalModel() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        HttpResponse<String> r = chat(REQUEST.replace("openai/gpt-5.4", "kimi/kimi-k2"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).get("model").asText()).isEqualTo("moonshot/kimi-k2");
        assertThat(json(UPSTREAM.last().body()).get("model").asText()).isEqualTo("kimi-k2-0905-preview");
    }
}
