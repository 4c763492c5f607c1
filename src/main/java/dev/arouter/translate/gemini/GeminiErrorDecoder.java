package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ErrorDecoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Json;

/**
 * Google error body → IR by {@code error.status} and {@code details[].reason}: 400
 * INVALID_ARGUMENT with reason API_KEY_INVALID is an authentication failure (README §3.8), not a
 * bad request. {@code RetryInfo.retryDelay} ("41s") becomes the retry hint.
 */
public final class GeminiErrorDecoder implements ErrorDecoder {

    @Override
    public ApiError decode(int httpStatus, String body) {
        JsonNode n = Json.tryParse(body);
        if (n != null && n.isArray() && !n.isEmpty()) n = n.get(0); // non-SSE stream bodies wrap it in an array
        if (n == null || !n.isObject() || !n.has("error")) {
            String msg = body == null || body.isBlank() ? "HTTP " + httpStatus : body.strip();
            return new ApiError(httpStatus, ErrorKind.fromStatus(httpStatus), msg.length() > 300 ? msg.substring(0, 300) : msg, null, null);
        }
        return decodeBody(httpStatus, n);
    }

    /** @param httpStatus 0 for an in-stream error (then {@code error.code} is used) */
    static ApiError decodeBody(int httpStatus, JsonNode n) {
        JsonNode e = n.path("error");
        int status = httpStatus > 0 ? httpStatus : e.path("code").asInt(500);
        String gstatus = Json.text(e, "status");
        String reason = null;
        Long retry = null;
        for (JsonNode d : Json.each(e, "details")) {
            if (reason == null) reason = Json.text(d, "reason");
            String delay = Json.text(d, "retryDelay");
            if (delay != null) retry = parseDuration(delay);
        }
        ErrorKind kind;
        if ("API_KEY_INVALID".equals(reason) || "API_KEY_EXPIRED".equals(reason)) {
            kind = ErrorKind.AUTHENTICATION;
        } else if (gstatus == null) {
            kind = ErrorKind.fromStatus(status);
        } else {
            kind = switch (gstatus) {
                case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> status == 413 ? ErrorKind.REQUEST_TOO_LARGE : ErrorKind.INVALID_REQUEST;
                case "UNAUTHENTICATED" -> ErrorKind.AUTHENTICATION;
                case "PERMISSION_DENIED" -> ErrorKind.PERMISSION;
                case "NOT_FOUND" -> ErrorKind.NOT_FOUND;
                case "RESOURCE_EXHAUSTED" -> status == 402 ? ErrorKind.QUOTA_EXHAUSTED : ErrorKind.RATE_LIMIT;
                case "CANCELLED" -> ErrorKind.CANCELLED;
                case "UNAVAILABLE" -> ErrorKind.OVERLOADED;
                case "DEADLINE_EXCEEDED" -> ErrorKind.TIMEOUT;
                case "INTERNAL", "UNKNOWN", "DATA_LOSS" -> ErrorKind.SERVER_ERROR;
                default -> ErrorKind.fromStatus(status);
            };
        }
        String msg = Json.text(e, "message");
        return new ApiError(status, kind, msg == null ? "Upstream error" : msg, reason != null ? reason : gstatus, retry);
    }

    /** "41s", "1.5s" → whole seconds, rounded up. */
    static Long parseDuration(String d) {
        try {
            String v = d.endsWith("s") ? d.substring(0, d.length() - 1) : d;
            return (long) Math.ceil(Double.parseDouble(v));
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
