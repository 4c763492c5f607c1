package dev.arouter.translate;

import dev.arouter.translate.ir.ApiError;

/** Family error response (status + body, body may be non-JSON) → IR error, as the provider stated it. */
public interface ErrorDecoder {
    ApiError decode(int httpStatus, String body);
}
