package dev.arouter.translate.ir;

/** Family-neutral error categories with the HTTP status each defaults to. */
public enum ErrorKind {
    INVALID_REQUEST(400),
    AUTHENTICATION(401),
    /** Billing / credit exhausted (O insufficient_quota, A billing_error); not retryable. */
    QUOTA_EXHAUSTED(402),
    PERMISSION(403),
    NOT_FOUND(404),
    REQUEST_TOO_LARGE(413),
    RATE_LIMIT(429),
    CANCELLED(499),
    SERVER_ERROR(500),
    /** The upstream answered with something unusable. */
    BAD_GATEWAY(502),
    /** The upstream rejected the gateway's own credentials: never the client's fault. */
    UPSTREAM_AUTH(502),
    OVERLOADED(503),
    TIMEOUT(504);

    public final int defaultStatus;

    ErrorKind(int defaultStatus) {
        this.defaultStatus = defaultStatus;
    }

    /** Fallback classification by HTTP status (README: unknown error types fall back by status). */
    public static ErrorKind fromStatus(int status) {
        return switch (status) {
            case 400, 422 -> INVALID_REQUEST;
            case 401 -> AUTHENTICATION;
            case 402 -> QUOTA_EXHAUSTED;
            case 403 -> PERMISSION;
            case 404 -> NOT_FOUND;
            case 408, 504 -> TIMEOUT;
            case 413 -> REQUEST_TOO_LARGE;
            case 429 -> RATE_LIMIT;
            case 499 -> CANCELLED;
            case 502 -> BAD_GATEWAY;
            case 503, 529 -> OVERLOADED;
            default -> status >= 500 ? SERVER_ERROR : INVALID_REQUEST;
        };
    }

    public boolean retryable() {
        return switch (this) {
            case RATE_LIMIT, SERVER_ERROR, BAD_GATEWAY, OVERLOADED, TIMEOUT -> true;
            default -> false;
        };
    }
}
