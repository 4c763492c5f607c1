package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ir.ChatResponse;

/** Family non-streamed response body → IR. */
public interface ChatResponseDecoder {
    ChatResponse decode(JsonNode body);
}
