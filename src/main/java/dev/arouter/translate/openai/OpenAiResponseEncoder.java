package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ChatResponseEncoder;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;

/**
 * IR → OpenAI chat.completion. Thinking is surfaced as {@code message.reasoning_content} (the
 * DeepSeek/LiteLLM extension); Anthropic-signed thinking is also listed in LiteLLM's
 * {@code thinking_blocks} so a client can send it back for the next Anthropic turn.
 */
public final class OpenAiResponseEncoder implements ChatResponseEncoder {

    @Override
    public ObjectNode encode(ChatResponse r) {
        ObjectNode o = Json.object();
        o.put("id", r.id != null ? r.id : "chatcmpl-" + java.util.UUID.randomUUID().toString().replace("-", ""));
        o.put("object", "chat.completion");
        o.put("created", r.created != null ? r.created : System.currentTimeMillis() / 1000);
        Json.putIfNotNull(o, "model", r.model);
        ObjectNode choice = o.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode msg = choice.putObject("message");
        msg.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = null;
        ArrayNode blocks = null;
        for (Part p : r.content) {
            switch (p) {
                case Part.Text t -> text.append(t.text());
                case Part.Thinking th -> {
                    if (th.text() != null) reasoning.append(th.text());
                    if (th.signatureFamily() == Family.ANTHROPIC) {
                        if (blocks == null) blocks = Json.array();
                        if (th.redacted()) blocks.addObject().put("type", "redacted_thinking").put("data", th.signature());
                        else blocks.addObject().put("type", "thinking").put("thinking", th.text()).put("signature", th.signature());
                    }
                }
                case Part.ToolCall tc -> {
                    if (calls == null) calls = Json.array();
                    ObjectNode c = calls.addObject();
                    c.put("id", tc.id());
                    c.put("type", "function");
                    c.putObject("function").put("name", tc.name())
                            .put("arguments", tc.arguments() == null || tc.arguments().isEmpty() ? "{}" : tc.arguments());
                }
                default -> { }
            }
        }
        if (text.isEmpty() && (calls != null || r.refusal != null)) msg.putNull("content");
        else msg.put("content", text.toString());
        if (!reasoning.isEmpty()) msg.put("reasoning_content", reasoning.toString());
        if (blocks != null) msg.set("thinking_blocks", blocks);
        if (calls != null) msg.set("tool_calls", calls);
        if (r.refusal != null) msg.put("refusal", r.refusal);
        else msg.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", OpenAiMappings.finishReasonToOpenAi(r.finishReason));
        if (r.usage != null) o.set("usage", OpenAiMappings.usageToOpenAi(r.usage));
        return o;
    }
}
