package dev.arouter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.GatewayTestBase;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelsEndpointTest extends GatewayTestBase {

    @Test
    void listsTheCatalogWithPerTokenPricesAndContextLength() throws Exception {
        var r = get("/v1/models", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = json(r.body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        Set<String> ids = new HashSet<>();
        Set<String> providers = new HashSet<>();
        for (JsonNode m : list.get("data")) {
            ids.add(m.get("id").asText());
            providers.add(m.get("owned_by").asText());
            assertThat(m.get("object").asText()).isEqualTo("model");
            assertThat(m.has("context_length")).isTrue();
            assertThat(m.at("/pricing/prompt").isTextual()).isTrue();
        }
        assertThat(ids).contains("openai/gpt-5.4", "anthropic/claude-sonnet-4.6", "anthropic/claude-opus-4.5",
                "google/gemini-2.5-flash", "deepseek/deepseek-v3.2", "openai/text-embedding-3-small");
        assertThat(providers).contains("openai", "anthropic", "google", "deepseek", "xai", "mistral", "meta",
                "qwen", "minimax", "groq", "moonshot", "cohere", "nvidia", "dashscope");
        JsonNode gpt = null;
        for (JsonNode m : list.get("data")) if (m.get("id").asText().equals("openai/gpt-5.4")) gpt = m;
        assertThat(gpt.at("/pricing/prompt").asText()).isEqualTo("0.00000125");
        assertThat(gpt.at("/pricing/completion").asText()).isEqualTo("0.00001");
        assertThat(gpt.at("/pricing/input_cache_read").asText()).isEqualTo("0.000000125");
        assertThat(gpt.get("context_length").asLong()).isEqualTo(400000);
    }

    @Test
    void oneModelById() throws Exception {
        var r = get("/v1/models/deepseek/deepseek-v3.2", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).get("id").asText()).isEqualTo("deepseek/deepseek-v3.2");
        assertThat(get("/v1/models/deepseek/nope", Map.of()).statusCode()).isEqualTo(404);
    }
}
