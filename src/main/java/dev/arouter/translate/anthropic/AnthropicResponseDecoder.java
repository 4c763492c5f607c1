package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ChatResponseDecoder;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;

/** Anthropic message → IR. Server-tool and citation blocks are not carried. */
public final class AnthropicResponseDecoder implements ChatResponseDecoder {

    @Override
    public ChatResponse decode(JsonNode body) {
        ChatResponse r = new ChatResponse();
        r.id = Json.text(body, "id");
        r.model = Json.text(body, "model");
        for (JsonNode b : Json.each(body, "content")) {
            switch (String.valueOf(Json.text(b, "type"))) {
                case "text" -> r.content.add(new Part.Text(Json.text(b, "text")));
                case "tool_use" -> {
                    JsonNode input = b.get("input");
                    r.content.add(new Part.ToolCall(Json.text(b, "id"), Json.text(b, "name"), input == null ? "{}" : Json.write(input)));
                }
                case "thinking" -> {
                    String sig = Json.text(b, "signature");
                    r.content.add(new Part.Thinking(Json.text(b, "thinking"), sig, sig == null ? null : Family.ANTHROPIC, false));
                }
                case "redacted_thinking" -> r.content.add(new Part.Thinking(null, Json.text(b, "data"), Family.ANTHROPIC, true));
                default -> { }
            }
        }
        r.finishReason = AnthropicMappings.stopReasonFromAnthropic(Json.text(body, "stop_reason"));
        r.stopSequence = Json.text(body, "stop_sequence");
        r.usage = AnthropicMappings.usageFromAnthropic(body.get("usage"));
        return r;
    }
}
