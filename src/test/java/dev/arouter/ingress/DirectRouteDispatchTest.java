package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.GatewayTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import dev.arouter.testing.Fixtures;
import dev.arouter.testing.MockUpstream;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Requests for the API's literal paths go straight to their route's consumer; everything Spring MVC
 * decides (templates, prefixes, methods a route does not serve) still goes through it, and the
 * table follows routes that operators reload.
 */
@Import(DirectRouteDispatchTest.SpringMvcDispatches.class)
class DirectRouteDispatchTest extends GatewayTestBase {

    /** Counts, by path, the requests that went on down the filter chain towards Spring MVC. */
    @TestConfiguration
    static class SpringMvcDispatches {
        static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        Filter passedOnToSpringMvc() {
            return (request, response, chain) -> {
                SEEN.computeIfAbsent(((HttpServletRequest) request).getRequestURI(), k -> new AtomicInteger())
                        .incrementAndGet();
                chain.doFilter(request, response);
            };
        }
    }

    static int springDispatches(String path) {
        AtomicInteger n = SpringMvcDispatches.SEEN.get(path);
        return n == null ? 0 : n.get();
    }

    @Autowired
    DirectRouteDispatch dispatch;

    @Autowired
    CamelContext camel;

    /** The Spring Boot consumer Spring MVC calls for a route (its route consumer wraps it). */
    Object consumerOf(String routeId) {
        return ((PlatformHttpConsumerAware) camel.getRoute(routeId).getConsumer()).getPlatformHttpConsumer();
    }

    @Test
    void theApiLiteralPathsGoToTheirRoutesConsumer() {
        assertThat(dispatch.consumerFor("POST", "/v1/chat/completions"))
                .isSameAs(consumerOf("chat-completions"));
        assertThat(dispatch.consumerFor("POST", "/v1/messages")).isSameAs(consumerOf("messages"));
        assertThat(dispatch.consumerFor("POST", "/v1/embeddings")).isNotNull();
        assertThat(dispatch.consumerFor("GET", "/v1/models")).isSameAs(consumerOf("models"));
        // POSTs under the Gemini routes' prefixes: no template serves POST
        assertThat(dispatch.consumerFor("POST", "/v1beta/models/gemini-2.5-flash:generateContent"))
                .isSameAs(consumerOf("gemini-generate-v1beta"));
        assertThat(dispatch.consumerFor("POST", "/v1/models/anthropic%2Fclaude-sonnet-4.6:streamGenerateContent"))
                .isSameAs(consumerOf("gemini-generate-v1"));
        assertThat(dispatch.consumerFor("POST", "/v1beta/modelsX")).isNull();
        // a method the route does not serve, HEAD and a templated path: Spring MVC answers (405, GET's HEAD, templates)
        assertThat(dispatch.consumerFor("GET", "/v1/chat/completions")).isNull();
        assertThat(dispatch.consumerFor("HEAD", "/v1/models")).isNull();
        assertThat(dispatch.consumerFor("GET", "/v1/models/openai/gpt-5.4")).isNull();
        // near misses are not the path
        assertThat(dispatch.consumerFor("POST", "/v1/chat/completions/")).isNull();
        assertThat(dispatch.consumerFor("POST", "/V1/chat/completions")).isNull();
    }

    @Test
    void aChatRequestIsAnsweredWithoutSpringMvc() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        int before = springDispatches("/v1/chat/completions");
        var r = chat("{\"model\":\"openai/gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).get("model").asText()).isEqualTo("openai/gpt-5.4");
        assertThat(springDispatches("/v1/chat/completions")).isEqualTo(before);
        // so does a Gemini request
        UPSTREAM.answer(q -> new MockUpstream.Json(200, Fixtures.text("gemini/generate-text.response.json")));
        int gemini = springDispatches("/v1beta/models/google/gemini-2.5-flash:generateContent");
        var g = post("/v1beta/models/google/gemini-2.5-flash:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}",
                Map.of("x-goog-api-key", clientKey()));
        assertThat(g.statusCode()).isEqualTo(200);
        assertThat(springDispatches("/v1beta/models/google/gemini-2.5-flash:generateContent")).isEqualTo(gemini);
        // a templated path still takes Spring's way
        int models = springDispatches("/v1/models/openai/gpt-5.4");
        assertThat(get("/v1/models/openai/gpt-5.4", Map.of("Authorization", "Bearer " + clientKey())).statusCode())
                .isEqualTo(200);
        assertThat(springDispatches("/v1/models/openai/gpt-5.4")).isEqualTo(models + 1);
    }

    @Test
    void aWrongMethodIsStillSpringsJson405() throws Exception {
        var r = get("/v1/chat/completions", Map.of());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(json(r.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void aReloadedRouteIsServedByItsNewConsumer() throws Exception {
        Path file = ROUTES.resolve("ops-pong.yaml");
        try {
            replaceFile(file, constantRoute("ops-pong", "/ops/pong", "v1"));
            millisUntil(() -> bodyOrStatus("/ops/pong").equals("v1"), Duration.ofSeconds(5));
            var first = dispatch.consumerFor("GET", "/ops/pong");
            assertThat(first).isSameAs(consumerOf("ops-pong"));

            replaceFile(file, constantRoute("ops-pong", "/ops/pong", "v2"));
            millisUntil(() -> bodyOrStatus("/ops/pong").equals("v2"), Duration.ofSeconds(5));
            assertThat(dispatch.consumerFor("GET", "/ops/pong"))
                    .isNotSameAs(first)
                    .isSameAs(consumerOf("ops-pong"));
            assertThat(post("/ops/pong", "{}", Map.of()).statusCode()).isEqualTo(405);

            camel.getRouteController().stopRoute("ops-pong");
            assertThat(dispatch.consumerFor("GET", "/ops/pong")).isNull();
            // Spring's 404, once the reload hold (4 s in tests) has passed without a successor
            assertThat(get("/ops/pong", Map.of()).statusCode()).isEqualTo(404);
        } finally {
            Files.deleteIfExists(file);
            if (camel.getRoute("ops-pong") != null) camel.removeRoute("ops-pong");
        }
    }
}
