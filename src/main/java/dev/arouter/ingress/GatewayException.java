package dev.arouter.ingress;

/**
 * A failure with a meaning for the client: HTTP status, OpenAI-style error {@code type} and
 * {@code code}, the offending {@code param} if any, and a message safe to show. Everything the
 * gateway refuses or relays as an error travels as one of these; {@link RenderError} turns it into
 * the caller's API format.
 */
public class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private String retryAfter;

    public GatewayException(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static GatewayException badRequest(String param, String message) {
        return new GatewayException(400, "invalid_request_error", null, param, message);
    }

    public static GatewayException unauthorized(String message) {
        return new GatewayException(401, "authentication_error", "invalid_api_key", null, message);
    }

    public static GatewayException modelNotFound(String model) {
        return new GatewayException(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' does not exist or is not served by this gateway. See GET /v1/models.");
    }

    /** Carries the upstream's Retry-After to the client (429 and 503 from a provider). */
    public GatewayException retryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    public String retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
