package dev.arouter.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.ApiError;

/** IR error → the status and body a client of this family expects. */
public interface ErrorEncoder {

    record EncodedError(int httpStatus, ObjectNode body) {}

    EncodedError encode(ApiError error);
}
