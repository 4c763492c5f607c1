package dev.arouter.translate.ir;

/**
 * An error in family-neutral form.
 *
 * @param httpStatus        status as received (or to send)
 * @param kind              family-neutral category
 * @param message           human-readable text (never matched on)
 * @param providerCode      the provider's own code/type/status/reason, for logs (e.g. {@code invalid_api_key},
 *                          {@code API_KEY_INVALID}, {@code overloaded_error}); may be null
 * @param retryAfterSeconds retry hint (Gemini RetryInfo.retryDelay, retry-after header), or null
 */
public record ApiError(int httpStatus, ErrorKind kind, String message, String providerCode, Long retryAfterSeconds) {

    public static ApiError of(ErrorKind kind, String message) {
        return new ApiError(kind.defaultStatus, kind, message, null, null);
    }

    public ApiError withRetryAfter(Long seconds) {
        return new ApiError(httpStatus, kind, message, providerCode, seconds);
    }

    /** Parses a {@code retry-after} header given in seconds; HTTP dates and junk are ignored. */
    public ApiError withRetryAfterHeader(String header) {
        if (header == null) return this;
        try {
            return withRetryAfter((long) Math.ceil(Double.parseDouble(header.trim())));
        } catch (NumberFormatException e) {
            return this;
        }
    }

    /**
     * Re-frames an error received from an upstream for the client: an upstream that rejects the
     * gateway's credentials or permissions (401/403, Gemini 400 API_KEY_INVALID) is a gateway
     * configuration failure, reported as 502 {@link ErrorKind#UPSTREAM_AUTH}, never as a problem
     * with the client's own key. Everything else keeps its kind and gets the kind's status.
     */
    public ApiError asUpstreamFailure() {
        if (kind == ErrorKind.AUTHENTICATION || kind == ErrorKind.PERMISSION) {
            return new ApiError(502, ErrorKind.UPSTREAM_AUTH,
                    "The upstream provider rejected the gateway's credentials (" + kind.name().toLowerCase() + "): " + message,
                    providerCode, retryAfterSeconds);
        }
        return this;
    }
}
