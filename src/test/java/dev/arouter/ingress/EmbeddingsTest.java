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

class EmbeddingsTest extends GatewayTestBase {

    HttpResponse<String> embed(String body) throws Exception {
        return post("/v1/embeddings", body, Map.of("Authorization", "Bearer " + clientKey()));
    }

    @Test
    void floatEmbeddingsPassThroughByteForByteWithUsagePriced() throws Exception {
        String upstream = Fixtures.text("openai/embeddings.response.json");
        UPSTREAM.answer(r -> new MockUpstream.Json(200, upstream));
        HttpResponse<String> r = embed(Fixtures.text("openai/embeddings.request.json")
                .replaceFirst("\"model\"\\s*:\\s*\"[^\"]*\"", "\"model\": \"openai/text-embedding-3-small\""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.last().path()).isEqualTo("/v1/embeddings");
        JsonNode sent = json(UPSTREAM.last().body());
        assertThat(sent.get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(sent.get("dimensions").asInt()).isEqualTo(8);
        // everything but the model id is exactly the provider's bytes (float digits included)
        String upstreamModel = json(upstream).get("model").asText();
        assertThat(r.body()).isEqualTo(upstream.replace("\"" + upstreamModel + "\"", "\"openai/text-embedding-3-small\""));
        Map<String, Object> row = usageRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        long prompt = json(upstream).at("/usage/prompt_tokens").asLong();
        assertThat(((Number) row.get("prompt_tokens")).longValue()).isEqualTo(prompt);
        assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo(
                BigDecimal.valueOf(prompt).multiply(new BigDecimal("0.02")).divide(BigDecimal.valueOf(1_000_000)));
        assertThat(row.get("endpoint")).isEqualTo("embeddings");
    }

    @Test
    void base64EncodingPassesThrough() throws Exception {
        String b64 = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":\"AACAPwAAAEA=\"}],"
                + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}";
        UPSTREAM.answer(r -> new MockUpstream.Json(200, b64));
        HttpResponse<String> r = embed("{\"model\":\"openai/text-embedding-3-small\",\"input\":\"abc\",\"encoding_format\":\"base64\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(UPSTREAM.last().body()).get("encoding_format").asText()).isEqualTo("base64");
        assertThat(json(r.body()).at("/data/0/embedding").asText()).isEqualTo("AACAPwAAAEA=");
    }

    @Test
    void invalidEmbeddingRequestsAreRejected() throws Exception {
        assertThat(embed("{\"model\":\"openai/text-embedding-3-small\"}").statusCode()).isEqualTo(400);
        assertThat(embed("{\"model\":\"openai/text-embedding-3-small\",\"input\":\"x\",\"encoding_format\":\"int8\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> chatModel = embed("{\"model\":\"openai/gpt-5.4\",\"input\":\"x\"}");
        assertThat(chatModel.statusCode()).isEqualTo(400);
        assertThat(json(chatModel.body()).at("/error/param").asText()).isEqualTo("model");
    }
}
