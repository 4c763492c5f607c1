package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ErrorEncoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.Json;

/** IR error → Google error body {@code {"error": {code, message, status[, details]}}} (overload → 503 UNAVAILABLE). */
public final class GeminiErrorEncoder implements ErrorEncoder {

    @Override
    public EncodedError encode(ApiError e) {
        ObjectNode body = body(e);
        return new EncodedError(body.path("error").path("code").asInt(), body);
    }

    static ObjectNode body(ApiError e) {
        int code;
        String status;
        switch (e.kind()) {
            case INVALID_REQUEST -> { code = 400; status = "INVALID_ARGUMENT"; }
            case REQUEST_TOO_LARGE -> { code = 413; status = "INVALID_ARGUMENT"; }
            case AUTHENTICATION -> { code = 401; status = "UNAUTHENTICATED"; }
            case PERMISSION -> { code = 403; status = "PERMISSION_DENIED"; }
            case NOT_FOUND -> { code = 404; status = "NOT_FOUND"; }
            case QUOTA_EXHAUSTED, RATE_LIMIT -> { code = 429; status = "RESOURCE_EXHAUSTED"; }
            case CANCELLED -> { code = 499; status = "CANCELLED"; }
            case SERVER_ERROR -> { code = 500; status = "INTERNAL"; }
            case BAD_GATEWAY, UPSTREAM_AUTH -> { code = 502; status = "UNAVAILABLE"; }
            case OVERLOADED -> { code = 503; status = "UNAVAILABLE"; }
            case TIMEOUT -> { code = 504; status = "DEADLINE_EXCEEDED"; }
            default -> throw new IllegalStateException();
        }
        ObjectNode o = Json.object();
        ObjectNode err = o.putObject("error");
        err.put("code", code);
        err.put("message", e.message());
        err.put("status", status);
        if (e.retryAfterSeconds() != null) {
            err.putArray("details").addObject()
                    .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", e.retryAfterSeconds() + "s");
        }
        return o;
    }
}
