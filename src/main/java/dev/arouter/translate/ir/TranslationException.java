package dev.arouter.translate.ir;

/**
 * The request cannot be expressed in the target family (e.g. audio to Anthropic, an OpenAI
 * file_id to Gemini, an unresolved image URL for Gemini) or the input is malformed. Carries the
 * {@link ApiError} to return to the client (normally 400 invalid_request).
 */
public class TranslationException extends RuntimeException {
    private final ApiError error;

    public TranslationException(String message) {
        this(ApiError.of(ErrorKind.INVALID_REQUEST, message));
    }

    public TranslationException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
