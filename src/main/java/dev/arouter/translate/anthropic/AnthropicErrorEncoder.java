package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ErrorEncoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.Json;

/** IR error → Anthropic error body and status (overload → 529 overloaded_error). */
public final class AnthropicErrorEncoder implements ErrorEncoder {

    @Override
    public EncodedError encode(ApiError e) {
        int status = switch (e.kind()) {
            case INVALID_REQUEST -> 400;
            case AUTHENTICATION -> 401;
            case QUOTA_EXHAUSTED -> 402;
            case PERMISSION -> 403;
            case NOT_FOUND -> 404;
            case REQUEST_TOO_LARGE -> 413;
            case RATE_LIMIT -> 429;
            case CANCELLED -> 499;
            case SERVER_ERROR -> 500;
            case BAD_GATEWAY, UPSTREAM_AUTH -> 502;
            case TIMEOUT -> 504;
            case OVERLOADED -> 529;
        };
        return new EncodedError(status, body(e));
    }

    static ObjectNode body(ApiError e) {
        String type = switch (e.kind()) {
            case INVALID_REQUEST, CANCELLED -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case QUOTA_EXHAUSTED -> "billing_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case REQUEST_TOO_LARGE -> "request_too_large";
            case RATE_LIMIT -> "rate_limit_error";
            case SERVER_ERROR, BAD_GATEWAY, UPSTREAM_AUTH -> "api_error";
            case TIMEOUT -> "timeout_error";
            case OVERLOADED -> "overloaded_error";
        };
        ObjectNode o = Json.object();
        o.put("type", "error");
        o.putObject("error").put("type", type).put("message", e.message());
        return o;
    }
}
