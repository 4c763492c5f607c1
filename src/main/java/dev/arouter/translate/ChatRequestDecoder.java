package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ir.ChatRequest;

/** Family request body → IR. Throws {@link dev.arouter.translate.ir.TranslationException} (400) on malformed input. */
public interface ChatRequestDecoder {
    ChatRequest decode(JsonNode body);
}
