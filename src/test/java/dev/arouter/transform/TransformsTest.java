package dev.arouter.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real gateway applies transforms/<provider>.yaml to what it sends upstream, and reloads them live. */
class TransformsTest extends GatewayTestBase {

    static final String OPENAI_ANSWER = "openai/chat-text.response.json";

    JsonNode sent() throws Exception {
        return json(UPSTREAM.last().body());
    }

    HttpResponse<String> chatTo(String model, String extra) throws Exception {
        return chat("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}");
    }

    @Test
    void openAiReasoningModelGetsMaxCompletionTokensAndKeepsSampling() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text(OPENAI_ANSWER)));
        assertThat(chatTo("openai/gpt-5.4", ",\"max_tokens\":50,\"temperature\":0.2,\"top_p\":0.9").statusCode()).isEqualTo(200);
        JsonNode b = sent();
        assertThat(b.has("max_tokens")).isFalse();
        assertThat(b.get("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(b.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(b.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(b.get("model").asText()).isEqualTo("gpt-5.4");
    }

    @Test
    void mistralDropsOpenAiOnlyParametersAndRenamesSeed() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text(OPENAI_ANSWER)));
        assertThat(chatTo("mistral/mistral-large-latest", """
                ,"temperature":0.2,"metadata":{"k":"v"},"store":true,"seed":7,"stream":true,
                 "stream_options":{"include_obfuscation":false}""").statusCode()).isEqualTo(200);
        JsonNode b = sent();
        assertThat(b.has("metadata")).isFalse();
        assertThat(b.has("store")).isFalse();
        assertThat(b.has("seed")).isFalse();
        assertThat(b.get("random_seed").asInt()).isEqualTo(7);
        assertThat(b.get("stream_options").has("include_obfuscation")).isFalse();
        assertThat(b.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(b.get("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void rulesApplyAfterTranslationToo() throws Exception {
        // a Gemini client to Mistral: the OpenAI body made by the translator gets Mistral's rename
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text(OPENAI_ANSWER)));
        HttpResponse<String> r = post("/v1beta/models/mistral%2Fmistral-large-latest:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"seed\":7}}",
                Map.of("x-goog-api-key", clientKey()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sent().has("seed")).isFalse();
        assertThat(sent().get("random_seed").asInt()).isEqualTo(7);
    }

    @Test
    void anthropicNeverReceivesATemperatureAboveOne() throws Exception {
        // (Anthropic clients are held to 0–1 at ingress; an OpenAI client may send up to 2)
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("anthropic/messages-text.response.json")));
        assertThat(chatTo("anthropic/claude-sonnet-4.6", ",\"temperature\":1.6").statusCode()).isEqualTo(200);
        assertThat(sent().get("temperature").asDouble()).isEqualTo(1.0);
    }

    @Test
    void providersWithoutRulesAreSentTheBodyAsEncoded() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text(OPENAI_ANSWER)));
        assertThat(chatTo("deepseek/deepseek-v3.2", ",\"max_tokens\":50,\"logprobs\":true").statusCode()).isEqualTo(200);
        assertThat(sent().get("max_tokens").asInt()).isEqualTo(50);
        assertThat(sent().get("logprobs").asBoolean()).isTrue();
    }

    String xformProvider() {
        return """
                id: xform
                family: openai
                baseUrl: %s
                models:
                  - id: thinker
                    upstream: o9-thinker
                    pricing: {input: 1, output: 1}
                  - id: plain
                    upstream: plain-model
                    pricing: {input: 1, output: 1}
                """.formatted(UPSTREAM.baseUrl());
    }

    static final String RULES_V1 = """
            provider: xform
            rules:
              - when: {modelMatches: "^o[0-9]"}
                rename: {max_tokens: max_completion_tokens}
                drop: [top_p]
                defaults: {reasoning_effort: low}
              - clamp: {temperature: {min: 0, max: 1}}
            """;

    @Test
    void aRuleFileAddedEditedBrokenAndDeletedTakesEffectSafely() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text(OPENAI_ANSWER)));
        Path provider = ROUTES.resolve("providers/xform.yaml");
        Path rules = TRANSFORMS.resolve("xform.yaml");
        try {
            Files.writeString(provider, xformProvider());
            millisUntil(() -> chatTo("xform/plain", "").statusCode() == 200, Duration.ofSeconds(5));
            String req = ",\"max_tokens\":50,\"top_p\":0.5,\"temperature\":1.8";

            // added: live within 5 s
            Files.writeString(rules, RULES_V1);
            assertThat(millisUntil(() -> chatTo("xform/thinker", req).statusCode() == 200
                    && sent().has("max_completion_tokens"), Duration.ofSeconds(5))).isLessThan(5000);
            JsonNode b = sent();
            assertThat(b.has("max_tokens")).isFalse();
            assertThat(b.get("max_completion_tokens").asInt()).isEqualTo(50);
            assertThat(b.has("top_p")).isFalse();
            assertThat(b.get("reasoning_effort").asText()).isEqualTo("low");
            assertThat(b.get("temperature").asDouble()).isEqualTo(1.0);

            // a model the rule does not match: only the rule without `when` applies
            assertThat(chatTo("xform/plain", req + ",\"reasoning_effort\":\"high\"").statusCode()).isEqualTo(200);
            b = sent();
            assertThat(b.get("max_tokens").asInt()).isEqualTo(50);
            assertThat(b.has("max_completion_tokens")).isFalse();
            assertThat(b.get("top_p").asDouble()).isEqualTo(0.5);
            assertThat(b.get("reasoning_effort").asText()).isEqualTo("high");
            assertThat(b.get("temperature").asDouble()).isEqualTo(1.0);

            // edited: live within 5 s
            Files.writeString(rules, RULES_V1.replace("max: 1}", "max: 1.5}"));
            assertThat(millisUntil(() -> chatTo("xform/plain", req).statusCode() == 200
                    && sent().get("temperature").asDouble() == 1.5, Duration.ofSeconds(5))).isLessThan(5000);

            // broken edits are rejected: the previous version keeps serving
            Files.writeString(rules, RULES_V1.replace("min: 0, max: 1}", "min: 2, max: 1}"));
            Thread.sleep(1500);
            assertThat(chatTo("xform/plain", req).statusCode()).isEqualTo(200);
            assertThat(sent().get("temperature").asDouble()).isEqualTo(1.5);
            Files.writeString(rules, RULES_V1.replace("\"^o[0-9]\"", "\"^o[0-9\""));
            Thread.sleep(1500);
            assertThat(chatTo("xform/thinker", req).statusCode()).isEqualTo(200);
            assertThat(sent().get("temperature").asDouble()).isEqualTo(1.5);
            assertThat(sent().has("max_completion_tokens")).isTrue();

            // deleted: its rules no longer apply
            Files.delete(rules);
            assertThat(millisUntil(() -> chatTo("xform/thinker", req).statusCode() == 200
                    && sent().has("max_tokens"), Duration.ofSeconds(5))).isLessThan(5000);
            assertThat(sent().get("temperature").asDouble()).isEqualTo(1.8);
        } finally {
            Files.deleteIfExists(rules); // the folders are shared with the other tests' gateway
            Files.deleteIfExists(provider);
        }
    }

    @Test
    void geminiPassThroughGetsItsProvidersRules() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("gemini/generate-text.response.json")));
        Path rules = TRANSFORMS.resolve("google.yaml");
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"temperature\":0.3}}";
        try {
            Files.writeString(rules, """
                    provider: google
                    rules:
                      - defaults: {generationConfig.topK: 40}
                    """);
            assertThat(millisUntil(() -> post("/v1beta/models/google%2Fgemini-2.5-flash:generateContent", body,
                    Map.of("x-goog-api-key", clientKey())).statusCode() == 200
                    && sent().at("/generationConfig/topK").asInt() == 40, Duration.ofSeconds(5))).isLessThan(5000);
            assertThat(sent().at("/generationConfig/temperature").asDouble()).isEqualTo(0.3);
            // countTokens goes through the same pass-through route, but is not a chat call
            UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("gemini/count-tokens.response.json")));
            assertThat(post("/v1beta/models/google%2Fgemini-2.5-flash:countTokens",
                    Fixtures.text("gemini/count-tokens.request.json"), Map.of("x-goog-api-key", clientKey())).statusCode())
                    .isEqualTo(200);
            assertThat(UPSTREAM.last().path()).endsWith(":countTokens");
            assertThat(UPSTREAM.last().body()).doesNotContain("topK");
        } finally {
            Files.deleteIfExists(rules);
        }
    }
}
