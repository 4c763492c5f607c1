package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ErrorDecoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Json;

/** Anthropic {@code {"type":"error","error":{type,message}}} → IR, by {@code error.type}, else by status. */
public final class AnthropicErrorDecoder implements ErrorDecoder {

    @Override
    public ApiError decode(int httpStatus, String body) {
        JsonNode n = Json.tryParse(body);
        if (n == null || !n.isObject()) {
            String msg = body == null || body.isBlank() ? "HTTP " + httpStatus : body.strip();
            return new ApiError(httpStatus, ErrorKind.fromStatus(httpStatus), msg.length() > 300 ? msg.substring(0, 300) : msg, null, null);
        }
        return decodeBody(httpStatus, n);
    }

    /** @param httpStatus 0 for in-stream {@code event: error} */
    static ApiError decodeBody(int httpStatus, JsonNode n) {
        JsonNode e = n.path("error");
        String type = Json.text(e, "type");
        ErrorKind kind = type == null ? null : switch (type) {
            case "invalid_request_error" -> ErrorKind.INVALID_REQUEST;
            case "authentication_error" -> ErrorKind.AUTHENTICATION;
            case "billing_error" -> ErrorKind.QUOTA_EXHAUSTED;
            case "permission_error" -> ErrorKind.PERMISSION;
            case "not_found_error" -> ErrorKind.NOT_FOUND;
            case "request_too_large" -> ErrorKind.REQUEST_TOO_LARGE;
            case "rate_limit_error" -> ErrorKind.RATE_LIMIT;
            case "api_error" -> ErrorKind.SERVER_ERROR;
            case "timeout_error" -> ErrorKind.TIMEOUT;
            case "overloaded_error" -> ErrorKind.OVERLOADED;
            default -> null;
        };
        if (kind == null) kind = httpStatus > 0 ? ErrorKind.fromStatus(httpStatus) : ErrorKind.SERVER_ERROR;
        // 400 invalid_request_error is also used for other 4xx: keep the status-derived kind then.
        if (kind == ErrorKind.INVALID_REQUEST && httpStatus > 400 && httpStatus < 500) kind = ErrorKind.fromStatus(httpStatus);
        String msg = Json.text(e, "message");
        return new ApiError(httpStatus > 0 ? httpStatus : (kind == ErrorKind.OVERLOADED ? 529 : kind.defaultStatus), kind,
                msg == null ? "Upstream error" : msg, type, null);
    }
}
