package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.TranslationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Error fixtures decoded per family and re-encoded for every client family (status and type, never message text). */
class ErrorTranslationTest {

    static String httpBody(String path) {
        String t = Fixtures.text(path);
        return t.substring(t.indexOf("\r\n\r\n") + 4);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // family, fixture, status, kind, O status, O type, O code, A status, A type, G status, G status string
            "OPENAI,openai/error-401.json,401,AUTHENTICATION,401,invalid_request_error,invalid_api_key,401,authentication_error,401,UNAUTHENTICATED",
            "OPENAI,openai/error-429.json,429,RATE_LIMIT,429,requests,rate_limit_exceeded,429,rate_limit_error,429,RESOURCE_EXHAUSTED",
            "OPENAI,openai/error-429-insufficient-quota.json,429,QUOTA_EXHAUSTED,429,insufficient_quota,insufficient_quota,402,billing_error,429,RESOURCE_EXHAUSTED",
            "OPENAI,openai/error-500.json,500,SERVER_ERROR,500,server_error,,500,api_error,500,INTERNAL",
            "OPENAI,openai/error-503-overloaded.json,503,OVERLOADED,503,server_error,overloaded,529,overloaded_error,503,UNAVAILABLE",
            "ANTHROPIC,anthropic/error-401.json,401,AUTHENTICATION,401,invalid_request_error,invalid_api_key,401,authentication_error,401,UNAUTHENTICATED",
            "ANTHROPIC,anthropic/error-429.json,429,RATE_LIMIT,429,requests,rate_limit_exceeded,429,rate_limit_error,429,RESOURCE_EXHAUSTED",
            "ANTHROPIC,anthropic/error-500.json,500,SERVER_ERROR,500,server_error,,500,api_error,500,INTERNAL",
            "ANTHROPIC,anthropic/error-529-overloaded.json,529,OVERLOADED,503,server_error,overloaded,529,overloaded_error,503,UNAVAILABLE",
            "GEMINI,gemini/error-400-api-key-invalid.json,400,AUTHENTICATION,401,invalid_request_error,invalid_api_key,401,authentication_error,401,UNAUTHENTICATED",
            "GEMINI,gemini/error-401-unauthenticated.json,401,AUTHENTICATION,401,invalid_request_error,invalid_api_key,401,authentication_error,401,UNAUTHENTICATED",
            "GEMINI,gemini/error-403-permission-denied.json,403,PERMISSION,403,invalid_request_error,permission_denied,403,permission_error,403,PERMISSION_DENIED",
            "GEMINI,gemini/error-429-resource-exhausted.json,429,RATE_LIMIT,429,requests,rate_limit_exceeded,429,rate_limit_error,429,RESOURCE_EXHAUSTED",
            "GEMINI,gemini/error-500-internal.json,500,SERVER_ERROR,500,server_error,,500,api_error,500,INTERNAL",
            "GEMINI,gemini/error-503-unavailable.json,503,OVERLOADED,503,server_error,overloaded,529,overloaded_error,503,UNAVAILABLE"})
    void decodeAndEncodeEveryFixture(Family f, String path, int status, ErrorKind kind, int oStatus, String oType, String oCode,
                                     int aStatus, String aType, int gStatus, String gStatusString) {
        ApiError e = Codecs.errorDecoder(f).decode(status, Fixtures.text(path));
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.message()).isNotBlank();

        ErrorEncoder.EncodedError o = Codecs.errorEncoder(Family.OPENAI).encode(e);
        assertThat(o.httpStatus()).isEqualTo(oStatus);
        assertThat(o.body().at("/error/type").asText()).isEqualTo(oType);
        if (oCode == null) assertThat(o.body().at("/error/code").isNull()).isTrue();
        else assertThat(o.body().at("/error/code").asText()).isEqualTo(oCode);

        ErrorEncoder.EncodedError a = Codecs.errorEncoder(Family.ANTHROPIC).encode(e);
        assertThat(a.httpStatus()).isEqualTo(aStatus);
        assertThat(a.body().get("type").asText()).isEqualTo("error");
        assertThat(a.body().at("/error/type").asText()).isEqualTo(aType);

        ErrorEncoder.EncodedError g = Codecs.errorEncoder(Family.GEMINI).encode(e);
        assertThat(g.httpStatus()).isEqualTo(gStatus);
        assertThat(g.body().at("/error/code").asInt()).isEqualTo(gStatus);
        assertThat(g.body().at("/error/status").asText()).isEqualTo(gStatusString);

        // a family's own error re-encoded for that family keeps its status and type
        JsonNode original = Fixtures.json(path);
        ErrorEncoder.EncodedError same = Codecs.errorEncoder(f).encode(e);
        switch (f) {
            case OPENAI -> {
                if (!original.at("/error/code").isNull()) assertThat(same.body().at("/error/code")).isEqualTo(original.at("/error/code"));
                else assertThat(same.body().at("/error/type")).isEqualTo(original.at("/error/type"));
            }
            case ANTHROPIC -> assertThat(same.body().at("/error/type")).isEqualTo(original.at("/error/type"));
            case GEMINI -> {
                if (!path.contains("api-key-invalid")) assertThat(same.body().at("/error/status")).isEqualTo(original.at("/error/status"));
            }
        }
    }

    @Test
    void geminiApiKeyInvalidFromUpstreamIsA502UpstreamAuthFailureNeverTheClientsKey() {
        String body = Fixtures.text("gemini/error-400-api-key-invalid.json");
        for (Family client : Family.values()) {
            ErrorEncoder.EncodedError out = Codecs.upstreamErrorForClient(Family.GEMINI, 400, body, null, client);
            assertThat(out.httpStatus()).as(client.name()).isEqualTo(502);
            assertThat(out.httpStatus()).isNotIn(400, 401, 403);
        }
        assertThat(Codecs.upstreamErrorForClient(Family.GEMINI, 400, body, null, Family.OPENAI).body().at("/error/code").asText())
                .isEqualTo("upstream_authentication_failed");
        assertThat(Codecs.upstreamErrorForClient(Family.GEMINI, 400, body, null, Family.ANTHROPIC).body().at("/error/type").asText())
                .isEqualTo("api_error");
        // the same for OpenAI/Anthropic upstream 401s
        assertThat(Codecs.upstreamErrorForClient(Family.OPENAI, 401, Fixtures.text("openai/error-401.json"), null, Family.ANTHROPIC).httpStatus()).isEqualTo(502);
        assertThat(Codecs.upstreamErrorForClient(Family.ANTHROPIC, 401, Fixtures.text("anthropic/error-401.json"), null, Family.GEMINI).httpStatus()).isEqualTo(502);
        // an ordinary bad request stays a 400
        ApiError bad = Codecs.errorDecoder(Family.GEMINI).decode(400, "{\"error\":{\"code\":400,\"message\":\"x\",\"status\":\"INVALID_ARGUMENT\"}}");
        assertThat(bad.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void anthropicOverloadBecomes503ForOpenAiClients() {
        ErrorEncoder.EncodedError out = Codecs.upstreamErrorForClient(Family.ANTHROPIC, 529,
                Fixtures.text("anthropic/error-529-overloaded.json"), null, Family.OPENAI);
        assertThat(out.httpStatus()).isEqualTo(503);
        ErrorEncoder.EncodedError g = Codecs.upstreamErrorForClient(Family.OPENAI, 503,
                Fixtures.text("openai/error-503-overloaded.json"), null, Family.ANTHROPIC);
        assertThat(g.httpStatus()).isEqualTo(529);
        assertThat(g.body().at("/error/type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void retryHintsAreCarried() {
        ApiError g = Codecs.errorDecoder(Family.GEMINI).decode(429, Fixtures.text("gemini/error-429-resource-exhausted.json"));
        assertThat(g.retryAfterSeconds()).isEqualTo(41L);
        assertThat(Codecs.errorEncoder(Family.GEMINI).encode(g).body().at("/error/details/0/retryDelay").asText()).isEqualTo("41s");
        ErrorEncoder.EncodedError fromHeader = Codecs.upstreamErrorForClient(Family.ANTHROPIC, 429,
                httpBody("anthropic/error-429.http"), "17", Family.GEMINI);
        assertThat(fromHeader.body().at("/error/details/0/retryDelay").asText()).isEqualTo("17s");
        ApiError o = Codecs.errorDecoder(Family.OPENAI).decode(429, httpBody("openai/error-429.http"));
        assertThat(o.kind()).isEqualTo(ErrorKind.RATE_LIMIT);
        assertThat(o.kind().retryable()).isTrue();
        assertThat(Codecs.errorDecoder(Family.OPENAI).decode(429, Fixtures.text("openai/error-429-insufficient-quota.json")).kind().retryable()).isFalse();
    }

    @Test
    void nonJsonAndUnknownErrorsFallBackByStatus() {
        ApiError html = Codecs.errorDecoder(Family.OPENAI).decode(502, "<html><body>Bad Gateway</body></html>");
        assertThat(html.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
        ApiError unknown = Codecs.errorDecoder(Family.ANTHROPIC).decode(504, "{\"type\":\"error\",\"error\":{\"type\":\"brand_new_error\",\"message\":\"m\"}}");
        assertThat(unknown.kind()).isEqualTo(ErrorKind.TIMEOUT);
        ApiError mistral = Codecs.errorDecoder(Family.OPENAI).decode(422, "{\"object\":\"error\",\"message\":\"bad\",\"type\":\"invalid_request_error\",\"code\":\"3280\"}");
        assertThat(mistral.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(Codecs.errorDecoder(Family.GEMINI).decode(504, "").kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(Codecs.errorEncoder(Family.ANTHROPIC).encode(Codecs.errorDecoder(Family.GEMINI)
                .decode(504, "{\"error\":{\"code\":504,\"message\":\"slow\",\"status\":\"DEADLINE_EXCEEDED\"}}")).body().at("/error/type").asText())
                .isEqualTo("timeout_error");
    }

    @Test
    void untranslatableRequestsCarryA400ForTheClient() {
        TranslationException ex = new TranslationException("cannot express audio");
        for (Family f : Family.values()) assertThat(Codecs.errorEncoder(f).encode(ex.error()).httpStatus()).isEqualTo(400);
    }
}
