package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ChatResponseEncoder;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;

/**
 * IR → Gemini GenerateContentResponse. Thinking becomes {@code thought: true} text parts; tool
 * calls become {@code functionCall} parts (args as objects) with their real upstream id when
 * there is one; an OpenAI refusal becomes text with finishReason SAFETY.
 */
public final class GeminiResponseEncoder implements ChatResponseEncoder {

    @Override
    public ObjectNode encode(ChatResponse r) {
        ObjectNode o = Json.object();
        ObjectNode cand = o.putArray("candidates").addObject();
        ObjectNode content = cand.putObject("content");
        ArrayNode parts = content.putArray("parts");
        for (Part p : r.content) addPart(p, parts);
        var fr = r.finishReason;
        if (r.refusal != null && !r.refusal.isEmpty()) {
            parts.addObject().put("text", r.refusal);
            fr = dev.arouter.translate.ir.FinishReason.CONTENT_FILTER;
        }
        content.put("role", "model");
        cand.put("finishReason", GeminiMappings.finishReasonToGemini(fr));
        cand.put("index", 0);
        if (r.usage != null) o.set("usageMetadata", GeminiMappings.usageToGemini(r.usage));
        Json.putIfNotNull(o, "modelVersion", r.model);
        Json.putIfNotNull(o, "responseId", r.id);
        return o;
    }

    static void addPart(Part p, ArrayNode parts) {
        switch (p) {
            case Part.Text t -> {
                ObjectNode o = parts.addObject().put("text", t.text());
                Json.putIfNotNull(o, "thoughtSignature", t.thoughtSignature());
            }
            case Part.Thinking th -> {
                if (th.redacted()) return;
                ObjectNode o = parts.addObject().put("text", th.text() == null ? "" : th.text()).put("thought", true);
                if (th.signatureFamily() == Family.GEMINI) o.put("thoughtSignature", th.signature());
            }
            case Part.ToolCall tc -> {
                ObjectNode o = parts.addObject();
                ObjectNode fc = o.putObject("functionCall");
                if (tc.id() != null && !GeminiToolIds.isSynthetic(tc.id())) fc.put("id", tc.id());
                fc.put("name", tc.name());
                fc.set("args", Json.argumentsObject(tc.arguments()));
                String sig = tc.thoughtSignature() != null ? tc.thoughtSignature() : GeminiToolIds.signatureFromId(tc.id());
                Json.putIfNotNull(o, "thoughtSignature", sig);
            }
            default -> { }
        }
    }
}
