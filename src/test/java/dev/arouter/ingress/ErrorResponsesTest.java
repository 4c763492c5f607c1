package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every failure answers in OpenAI's error shape with the status a client can act on. */
class ErrorResponsesTest extends GatewayTestBase {

    static final String OK = """
            {"model":"%s","messages":[{"role":"user","content":"hi"}]}""";

    private static JsonNode assertOpenAiError(HttpResponse<String> r, int status, String type) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = json(r.body()).get("error");
        assertThat(error).as(r.body()).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(error.has("type")).isTrue();
        assertThat(error.has("code")).isTrue();
        assertThat(error.has("param")).isTrue();
        if (type != null) assertThat(error.get("type").asText()).isEqualTo(type);
        return error;
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertOpenAiError(chat("{\"model\": \"openai/gpt-5.4\", \"messages\": ["), 400, "invalid_request_error");
        assertOpenAiError(chat("[1,2]"), 400, "invalid_request_error");
        assertOpenAiError(chat(""), 400, "invalid_request_error");
    }

    @Test
    void wrongFieldTypesAre400WithTheParam() throws Exception {
        assertThat(assertOpenAiError(chat("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400, null)
                .get("param").asText()).isEqualTo("model");
        assertThat(assertOpenAiError(chat("{\"model\":42,\"messages\":[]}"), 400, null).get("param").asText())
                .isEqualTo("model");
        assertThat(assertOpenAiError(chat("{\"model\":\"openai/gpt-5.4\",\"messages\":\"hi\"}"), 400, null)
                .get("param").asText()).isEqualTo("messages");
        assertThat(assertOpenAiError(chat("{\"model\":\"openai/gpt-5.4\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"),
                400, null).get("param").asText()).isEqualTo("messages[0].role");
        assertThat(assertOpenAiError(chat(OK.formatted("openai/gpt-5.4").replace("}]}", "}],\"stream\":\"yes\"}")),
                400, null).get("param").asText()).isEqualTo("stream");
        assertThat(assertOpenAiError(chat(OK.formatted("openai/gpt-5.4").replace("}]}", "}],\"max_tokens\":-5}")),
                400, null).get("param").asText()).isEqualTo("max_tokens");
    }

    @Test
    void missingOrUnknownKeyIs401() throws Exception {
        assertOpenAiError(post("/v1/chat/completions", OK.formatted("openai/gpt-5.4"), Map.of()), 401, "authentication_error");
        assertOpenAiError(post("/v1/chat/completions", OK.formatted("openai/gpt-5.4"),
                Map.of("Authorization", "Bearer lr_live_notarealkey000000000000000000000000")), 401, "authentication_error");
    }

    @Test
    void modelOutsideTheCatalogIs404EvenUnderAKnownProvider() throws Exception {
        JsonNode e = assertOpenAiError(chat(OK.formatted("openai/gpt-does-not-exist")), 404, "invalid_request_error");
        assertThat(e.get("code").asText()).isEqualTo("model_not_found");
        assertOpenAiError(chat(OK.formatted("nosuchprovider/x")), 404, null);
        assertOpenAiError(chat(OK.formatted("gpt-5.4")), 404, null);
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String big = OK.formatted("openai/gpt-5.4").replace("hi", "x".repeat(1_100_000));
        assertOpenAiError(chat(big), 413, "invalid_request_error");
    }

    @Test
    void unreachableUpstreamIs502ThenTheCircuitOpensWith503() throws Exception {
        int s502 = 0;
        int s503 = 0;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = chat(OK.formatted("xai/grok-4"));
            if (r.statusCode() == 502) {
                assertOpenAiError(r, 502, "upstream_error");
                s502++;
            } else {
                JsonNode e = assertOpenAiError(r, 503, "service_unavailable");
                assertThat(e.get("code").asText()).isEqualTo("circuit_open");
                s503++;
            }
        }
        assertThat(s502).isEqualTo(4); // minimum-number-of-calls in the test config
        assertThat(s503).isEqualTo(4);
    }

    @Test
    void slowUpstreamIs504() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Hang(8000));
        long t0 = System.nanoTime();
        HttpResponse<String> r = chat(OK.formatted("slowtest/slow-1")); // provider first-byte timeout 1.5 s
        assertOpenAiError(r, 504, "upstream_timeout");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(1400L, 6500L); // the timeout, not the 8 s hang
    }

    @Test
    void upstreamErrorsAreRelayedInOpenAiShape() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(429, Fixtures.text("openai/error-429.json"), Map.of("retry-after", "7")));
        HttpResponse<String> r = chat(OK.formatted("groq/llama-3.3-70b-versatile"));
        JsonNode e = assertOpenAiError(r, 429, null);
        assertThat(e.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(r.headers().firstValue("Retry-After")).contains("7");

        UPSTREAM.answer(r2 -> new MockUpstream.Json(500, Fixtures.text("openai/error-500.json")));
        assertOpenAiError(chat(OK.formatted("groq/llama-3.3-70b-versatile")), 500, "server_error");

        UPSTREAM.answer(r2 -> new MockUpstream.Json(400, "{\"message\":\"flat mistral-style error\",\"type\":\"invalid_request\"}"));
        assertThat(assertOpenAiError(chat(OK.formatted("groq/llama-3.3-70b-versatile")), 400, null)
                .get("message").asText()).isEqualTo("flat mistral-style error");

        UPSTREAM.answer(r2 -> new MockUpstream.Json(502, "<html>Bad Gateway</html>"));
        assertOpenAiError(chat(OK.formatted("groq/llama-3.3-70b-versatile")), 502, null);
    }

    @Test
    void upstreamRejectingTheGatewaysKeyIsNotBlamedOnTheClient() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(401, Fixtures.text("openai/error-401.json")));
        JsonNode e = assertOpenAiError(chat(OK.formatted("deepseek/deepseek-v3.2")), 502, "upstream_error");
        assertThat(e.get("code").asText()).isEqualTo("upstream_auth_failed");
    }

    @Test
    void upstreamAnsweringGarbageIs502() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, "this is not json"));
        assertOpenAiError(chat(OK.formatted("deepseek/deepseek-v3.2")), 502, "upstream_error");
    }

    @Test
    void errorsAreRecordedAsUsageRowsForTheKey() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(400, Fixtures.text("openai/error-401.json").replace("invalid_api_key", "bad")));
        HttpResponse<String> r = chat(OK.formatted("deepseek/deepseek-v3.2"));
        assertThat(r.statusCode()).isEqualTo(400);
        Map<String, Object> row = usageRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(((Number) row.get("status")).intValue()).isEqualTo(400);
        assertThat(row.get("outcome")).isEqualTo("rejected");
        assertThat(((Number) row.get("prompt_tokens")).intValue()).isZero();
    }

    @Test
    void unknownPathsAndMethodsAnswerInOpenAiShape() throws Exception {
        assertOpenAiError(get("/v1/nothing-here", Map.of()), 404, "not_found_error");
        assertOpenAiError(get("/v1/chat/completions", Map.of()), 405, "invalid_request_error");
    }

    /** Errors answered before any route read the request take the shape of the SDK that calls the path. */
    @Test
    void errorsBeforeAnyRouteAnswerInTheShapeOfTheCallersSdk() throws Exception {
        // Anthropic's {"type":"error","error":{"type","message"}}
        HttpResponse<String> wrongMethod = get("/v1/messages", Map.of());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(wrongMethod.body()).get("type").asText()).isEqualTo("error");
        assertThat(json(wrongMethod.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(json(wrongMethod.body()).at("/error/message").asText()).contains("/v1/messages");
        HttpResponse<String> tooLarge = post("/v1/messages",
                "{\"model\":\"openai/gpt-5.4\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\""
                        + "x".repeat(1_100_000) + "\"}]}", Map.of("x-api-key", clientKey()));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge.body()).at("/error/type").asText()).isEqualTo("request_too_large");
        // Gemini's {"error":{"code","message","status"}}
        HttpResponse<String> gemini = get("/v1beta/models/google/gemini-2.5-flash:generateContent", Map.of());
        assertThat(gemini.statusCode()).as(gemini.body()).isIn(404, 405);
        assertThat(json(gemini.body()).at("/error/status").asText()).isIn("NOT_FOUND", "INVALID_ARGUMENT");
        assertThat(json(gemini.body()).at("/error/message").asText()).isNotBlank();
        // OpenAI's stays for every other path
        assertOpenAiError(get("/v1/messagesX", Map.of()), 404, "not_found_error");
    }
}
