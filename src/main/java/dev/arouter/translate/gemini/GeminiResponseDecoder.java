package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ChatResponseDecoder;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;

/**
 * Gemini GenerateContentResponse → IR (candidate 0). Function calls get ids from
 * {@link GeminiToolIds} scoped by responseId (carrying any thoughtSignature). A blocked prompt
 * (no candidates, promptFeedback.blockReason) becomes an empty CONTENT_FILTER answer.
 */
public final class GeminiResponseDecoder implements ChatResponseDecoder {

    @Override
    public ChatResponse decode(JsonNode body) {
        ChatResponse r = new ChatResponse();
        r.id = Json.text(body, "responseId");
        r.model = Json.text(body, "modelVersion");
        JsonNode cand = body.path("candidates").path(0);
        int calls = 0;
        for (JsonNode p : Json.each(cand.path("content"), "parts")) {
            Part part = decodePart(p, r.id, calls);
            if (part instanceof Part.ToolCall) calls++;
            if (part != null) r.content.add(part);
        }
        r.finishReason = GeminiMappings.finishReasonFromGemini(Json.text(cand, "finishReason"), calls > 0);
        if (cand.isMissingNode() && Json.text(body.path("promptFeedback"), "blockReason") != null) {
            r.finishReason = FinishReason.CONTENT_FILTER;
        }
        r.usage = GeminiMappings.usageFromGemini(body.get("usageMetadata"));
        return r;
    }

    /** One response part → IR (shared with the stream decoder); null for parts without counterpart. */
    static Part decodePart(JsonNode p, String scope, int callIndex) {
        String sig = Json.text(p, "thoughtSignature");
        JsonNode fc = p.get("functionCall");
        if (fc != null) {
            String id = Json.text(fc, "id");
            if (id == null) id = GeminiToolIds.synthesize(scope, callIndex, sig);
            JsonNode args = fc.get("args");
            return new Part.ToolCall(id, Json.text(fc, "name"), args == null ? "{}" : Json.write(args), sig);
        }
        if (Json.field(p, "text") != null) { // a part with "text": null carries nothing
            if (Boolean.TRUE.equals(Json.bool(p, "thought"))) {
                return new Part.Thinking(Json.text(p, "text"), sig, sig == null ? null : Family.GEMINI, false);
            }
            return new Part.Text(Json.text(p, "text"), sig);
        }
        return null;
    }
}
