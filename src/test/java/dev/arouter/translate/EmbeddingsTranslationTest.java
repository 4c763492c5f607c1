package dev.arouter.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Embeddings across families: OpenAI clients to Gemini models, Gemini clients to OpenAI models. */
class EmbeddingsTranslationTest extends GatewayTestBase {

    static final String GEMINI_BATCH = Fixtures.text("gemini/batch-embed-contents.response.json");
    static final String OPENAI_EMBEDDINGS = Fixtures.text("openai/embeddings.response.json");

    HttpResponse<String> openAiEmbed(String body) throws Exception {
        return post("/v1/embeddings", body, Map.of("Authorization", "Bearer " + clientKey()));
    }

    HttpResponse<String> gemini(String modelAndMethod, String body) throws Exception {
        return post("/v1beta/models/" + modelAndMethod, body, Map.of("x-goog-api-key", clientKey()));
    }

    @Test
    void openAiClientToGeminiModelGetsVectorsInOrderAndEstimatedUsage() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, GEMINI_BATCH));
        HttpResponse<String> r = openAiEmbed("""
                {"model":"google/gemini-embedding-001","input":["harbour pilot","tide table"],"dimensions":8}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        MockUpstream.Received up = UPSTREAM.last();
        assertThat(up.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(up.header("x-goog-api-key")).isEqualTo(UPSTREAM_KEY);
        JsonNode sent = json(up.body());
        assertThat(sent.at("/requests/0/model").asText()).isEqualTo("models/gemini-embedding-001");
        assertThat(sent.at("/requests/1/content/parts/0/text").asText()).isEqualTo("tide table");
        assertThat(sent.at("/requests/0/outputDimensionality").asInt()).isEqualTo(8);

        JsonNode out = json(r.body());
        JsonNode upstreamVectors = json(GEMINI_BATCH).get("embeddings");
        assertThat(out.get("object").asText()).isEqualTo("list");
        assertThat(out.get("model").asText()).isEqualTo("google/gemini-embedding-001");
        assertThat(out.get("data")).hasSize(upstreamVectors.size());
        for (int i = 0; i < upstreamVectors.size(); i++) {
            assertThat(out.at("/data/" + i + "/index").asInt()).isEqualTo(i);
            assertThat(out.at("/data/" + i + "/embedding/3").floatValue())
                    .isEqualTo((float) upstreamVectors.get(i).at("/values/3").asDouble());
        }
        assertThat(out.at("/usage/prompt_tokens").asInt()).isPositive();
        Map<String, Object> row = usageRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(row.get("usage_estimated")).isEqualTo(true);
        assertThat(row.get("model_used")).isEqualTo("google/gemini-embedding-001");
    }

    @Test
    void base64EncodingIsProducedFromGeminiFloats() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, GEMINI_BATCH));
        HttpResponse<String> r = openAiEmbed("""
                {"model":"google/gemini-embedding-001","input":["a","b"],"encoding_format":"base64"}""");
        assertThat(r.statusCode()).isEqualTo(200);
        byte[] raw = Base64.getDecoder().decode(json(r.body()).at("/data/1/embedding").asText());
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buf.getFloat(0)).isEqualTo((float) json(GEMINI_BATCH).at("/embeddings/1/values/0").asDouble());
    }

    @Test
    void geminiClientBatchToOpenAiModel() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, OPENAI_EMBEDDINGS));
        HttpResponse<String> r = gemini("openai%2Ftext-embedding-3-small:batchEmbedContents", """
                {"requests":[{"model":"models/x","content":{"parts":[{"text":"harbour"}]},"outputDimensionality":8},
                             {"model":"models/x","content":{"parts":[{"text":"pilot"}]}}]}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        MockUpstream.Received up = UPSTREAM.last();
        assertThat(up.path()).isEqualTo("/v1/embeddings");
        JsonNode sent = json(up.body());
        assertThat(sent.get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(sent.get("input")).hasSize(2);
        assertThat(sent.get("dimensions").asInt()).isEqualTo(8);
        JsonNode out = json(r.body());
        assertThat(out.get("embeddings")).hasSize(2);
        assertThat(out.at("/embeddings/0/values/0").floatValue())
                .isEqualTo((float) json(OPENAI_EMBEDDINGS).at("/data/0/embedding/0").asDouble());
        Map<String, Object> row = usageRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(((Number) row.get("prompt_tokens")).longValue())
                .isEqualTo(json(OPENAI_EMBEDDINGS).at("/usage/prompt_tokens").asLong());
    }

    @Test
    void geminiClientSingleEmbedToOpenAiModel() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, OPENAI_EMBEDDINGS));
        HttpResponse<String> r = gemini("openai/text-embedding-3-small:embedContent",
                "{\"content\":{\"parts\":[{\"text\":\"harbour\"}]}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r.body()).at("/embedding/values").size()).isPositive();
    }

    @Test
    void geminiNativeEmbeddingsAndCountTokensPassThroughToGoogle() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("gemini/count-tokens.response.json")));
        HttpResponse<String> r = gemini("google/gemini-2.5-flash:countTokens",
                Fixtures.text("gemini/count-tokens.request.json"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(UPSTREAM.last().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        assertThat(json(r.body()).get("totalTokens").asInt())
                .isEqualTo(json(Fixtures.text("gemini/count-tokens.response.json")).get("totalTokens").asInt());

        UPSTREAM.answer(x -> new MockUpstream.Json(200, Fixtures.text("gemini/embed-content.response.json")));
        HttpResponse<String> e = gemini("google/gemini-embedding-001:embedContent",
                Fixtures.text("gemini/embed-content.request.json"));
        assertThat(e.statusCode()).as(e.body()).isEqualTo(200);
        assertThat(UPSTREAM.last().path()).isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
        assertThat(json(e.body()).at("/embedding/values").size()).isPositive();
    }

    @Test
    void countTokensForAnotherFamilyIsAClearGeminiShapedError() throws Exception {
        HttpResponse<String> r = gemini("openai/gpt-5.4:countTokens", Fixtures.text("gemini/count-tokens.request.json"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void geminiErrorsOnEmbeddingsComeBackInOpenAiShape() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(400, Fixtures.text("gemini/error-400-api-key-invalid.json")));
        HttpResponse<String> r = openAiEmbed("{\"model\":\"google/gemini-embedding-001\",\"input\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(json(r.body()).at("/error/message").asText()).isNotBlank();
    }
}
