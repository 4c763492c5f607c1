package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ChatResponseEncoder;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.Usage;

/**
 * IR → Anthropic message. Thinking from other families is shown as a thinking block with an
 * empty signature (it cannot be replayed to Anthropic; the request encoder drops it). An OpenAI
 * refusal becomes a text block with stop_reason {@code refusal}.
 */
public final class AnthropicResponseEncoder implements ChatResponseEncoder {

    @Override
    public ObjectNode encode(ChatResponse r) {
        ObjectNode o = Json.object();
        o.put("id", r.id != null ? r.id : "msg_" + java.util.UUID.randomUUID().toString().replace("-", ""));
        o.put("type", "message");
        o.put("role", "assistant");
        Json.putIfNotNull(o, "model", r.model);
        ArrayNode content = o.putArray("content");
        for (Part p : r.content) {
            switch (p) {
                case Part.Thinking th -> {
                    if (th.redacted() && th.signatureFamily() == Family.ANTHROPIC) {
                        content.addObject().put("type", "redacted_thinking").put("data", th.signature());
                    } else if (!th.redacted()) {
                        content.addObject().put("type", "thinking").put("thinking", th.text() == null ? "" : th.text())
                                .put("signature", th.signatureFamily() == Family.ANTHROPIC ? th.signature() : "");
                    }
                }
                case Part.Text t -> {
                    if (!t.text().isEmpty()) content.addObject().put("type", "text").put("text", t.text());
                }
                case Part.ToolCall tc -> {
                    ObjectNode b = content.addObject().put("type", "tool_use");
                    b.put("id", AnthropicRequestEncoder.toolId(tc.id()));
                    b.put("name", tc.name());
                    b.set("input", Json.argumentsObject(tc.arguments()));
                }
                default -> { }
            }
        }
        FinishReason fr = r.finishReason;
        if (r.refusal != null && !r.refusal.isEmpty()) {
            content.addObject().put("type", "text").put("text", r.refusal);
            fr = FinishReason.CONTENT_FILTER;
        }
        o.put("stop_reason", AnthropicMappings.stopReasonToAnthropic(fr));
        if (fr == FinishReason.STOP_SEQUENCE && r.stopSequence != null) o.put("stop_sequence", r.stopSequence);
        else o.putNull("stop_sequence");
        o.set("usage", AnthropicMappings.usageToAnthropic(r.usage != null ? r.usage : Usage.ZERO));
        return o;
    }
}
