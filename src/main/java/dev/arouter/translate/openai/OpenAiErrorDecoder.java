package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ErrorDecoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Json;

/**
 * OpenAI (and OpenAI-compatible) error → IR. {@code code}/{@code type} decide first (so 429
 * {@code insufficient_quota} is told apart from {@code rate_limit_exceeded}); otherwise the HTTP
 * status decides. Accepts the nested {@code {"error": {…}}} shape, Mistral's flat shape and
 * non-JSON bodies (edge proxies).
 */
public final class OpenAiErrorDecoder implements ErrorDecoder {

    @Override
    public ApiError decode(int httpStatus, String body) {
        JsonNode n = Json.tryParse(body);
        if (n == null || !n.isObject()) {
            ErrorKind kind = ErrorKind.fromStatus(httpStatus);
            String msg = body == null || body.isBlank() ? "HTTP " + httpStatus : body.strip();
            return new ApiError(httpStatus, kind, msg.length() > 300 ? msg.substring(0, 300) : msg, null, null);
        }
        return decodeBody(httpStatus, n);
    }

    /** @param httpStatus 0 for in-stream errors (the status is then derived from the kind) */
    static ApiError decodeBody(int httpStatus, JsonNode n) {
        JsonNode e = n.has("error") && n.get("error").isObject() ? n.get("error") : n;
        String type = Json.text(e, "type");
        String code = Json.text(e, "code");
        String message = Json.text(e, "message");
        if (message == null && n.get("error") != null && n.get("error").isTextual()) message = n.get("error").asText();
        ErrorKind kind = null;
        for (String key : new String[]{code, type}) {
            if (key == null || kind != null) continue;
            kind = switch (key) {
                case "invalid_api_key", "authentication_error" -> ErrorKind.AUTHENTICATION;
                case "insufficient_quota", "billing_error" -> ErrorKind.QUOTA_EXHAUSTED;
                case "rate_limit_exceeded", "rate_limit_error", "requests", "tokens" -> ErrorKind.RATE_LIMIT;
                case "model_not_found", "not_found_error" -> ErrorKind.NOT_FOUND;
                case "permission_error", "unsupported_country_region_territory" -> ErrorKind.PERMISSION;
                case "context_length_exceeded" -> ErrorKind.INVALID_REQUEST;
                case "overloaded", "overloaded_error" -> ErrorKind.OVERLOADED;
                case "timeout", "timeout_error" -> ErrorKind.TIMEOUT;
                default -> null;
            };
        }
        if (kind == null) {
            if (httpStatus > 0) kind = ErrorKind.fromStatus(httpStatus);
            else kind = "invalid_request_error".equals(type) ? ErrorKind.INVALID_REQUEST : ErrorKind.SERVER_ERROR;
        }
        return new ApiError(httpStatus > 0 ? httpStatus : kind.defaultStatus, kind,
                message == null ? "Upstream error" : message, code != null ? code : type, null);
    }
}
