package dev.arouter.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.ChatResponse;

/** IR → family non-streamed response body. */
public interface ChatResponseEncoder {
    ObjectNode encode(ChatResponse response);
}
