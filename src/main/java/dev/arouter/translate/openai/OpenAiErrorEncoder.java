package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ErrorEncoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.Json;

/** IR error → OpenAI {@code {"error": {message, type, param, code}}} with OpenAI's status conventions (overload → 503). */
public final class OpenAiErrorEncoder implements ErrorEncoder {

    @Override
    public EncodedError encode(ApiError e) {
        int status = switch (e.kind()) {
            case INVALID_REQUEST -> 400;
            case AUTHENTICATION -> 401;
            case QUOTA_EXHAUSTED -> 429; // OpenAI reports billing quota as 429 insufficient_quota
            case PERMISSION -> 403;
            case NOT_FOUND -> 404;
            case REQUEST_TOO_LARGE -> 413;
            case RATE_LIMIT -> 429;
            case CANCELLED -> 499;
            case SERVER_ERROR -> 500;
            case BAD_GATEWAY, UPSTREAM_AUTH -> 502;
            case OVERLOADED -> 503;
            case TIMEOUT -> 504;
        };
        return new EncodedError(status, body(e));
    }

    static ObjectNode body(ApiError e) {
        String[] typeCode = switch (e.kind()) {
            case INVALID_REQUEST -> new String[]{"invalid_request_error", null};
            case AUTHENTICATION -> new String[]{"invalid_request_error", "invalid_api_key"};
            case QUOTA_EXHAUSTED -> new String[]{"insufficient_quota", "insufficient_quota"};
            case PERMISSION -> new String[]{"invalid_request_error", "permission_denied"};
            case NOT_FOUND -> new String[]{"invalid_request_error", "model_not_found"};
            case REQUEST_TOO_LARGE -> new String[]{"invalid_request_error", "request_too_large"};
            case RATE_LIMIT -> new String[]{"requests", "rate_limit_exceeded"};
            case CANCELLED -> new String[]{"invalid_request_error", "cancelled"};
            case SERVER_ERROR -> new String[]{"server_error", null};
            case BAD_GATEWAY -> new String[]{"server_error", "bad_gateway"};
            case UPSTREAM_AUTH -> new String[]{"server_error", "upstream_authentication_failed"};
            case OVERLOADED -> new String[]{"server_error", "overloaded"};
            case TIMEOUT -> new String[]{"server_error", "timeout"};
        };
        ObjectNode o = Json.object();
        ObjectNode err = o.putObject("error");
        err.put("message", e.message());
        err.put("type", typeCode[0]);
        err.putNull("param");
        if (typeCode[1] == null) err.putNull("code");
        else err.put("code", typeCode[1]);
        return o;
    }
}
