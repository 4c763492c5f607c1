package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.StreamDecoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The Gemini stream decoder as it was before it read chunks member by member (each chunk into a
 * Jackson tree): the oracle {@link GeminiStreamDecoderTest} holds it to.
 */
final class TreeGeminiStreamDecoder implements StreamDecoder {
    private boolean started;
    private boolean finished;
    private boolean closed;
    private int calls;
    private String scope;

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        List<StreamEvent> out = new ArrayList<>();
        if (closed) return out;
        JsonNode chunk = Json.tryParse(event.data());
        if (chunk != null && chunk.isArray() && !chunk.isEmpty()) chunk = chunk.get(0);
        if (chunk == null || !chunk.isObject()) {
            closed = true;
            out.add(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream sent a malformed stream chunk")));
            return out;
        }
        if (chunk.has("error")) {
            closed = true;
            out.add(new StreamEvent.Error(GeminiErrorDecoder.decodeBody(0, chunk)));
            return out;
        }
        Usage usage = GeminiMappings.usageFromGemini(chunk.get("usageMetadata"));
        if (!started) {
            started = true;
            scope = Json.text(chunk, "responseId");
            out.add(new StreamEvent.MessageStart(scope, Json.text(chunk, "modelVersion"), usage));
        }
        JsonNode cand = chunk.path("candidates").path(0);
        for (JsonNode p : Json.each(cand.path("content"), "parts")) {
            Part part = GeminiResponseDecoder.decodePart(p, scope, calls);
            switch (part) {
                case Part.ToolCall tc -> {
                    out.add(new StreamEvent.ToolCallStart(calls, tc.id(), tc.name()));
                    out.add(new StreamEvent.ToolCallDelta(calls, tc.arguments()));
                    calls++;
                }
                case Part.Text t -> {
                    if (!t.text().isEmpty()) out.add(new StreamEvent.TextDelta(t.text()));
                    if (t.thoughtSignature() != null) out.add(new StreamEvent.ThinkingSignature(t.thoughtSignature(), Family.GEMINI));
                }
                case Part.Thinking th -> {
                    if (th.text() != null && !th.text().isEmpty()) out.add(new StreamEvent.ThinkingDelta(th.text()));
                    if (th.signature() != null) out.add(new StreamEvent.ThinkingSignature(th.signature(), Family.GEMINI));
                }
                case null, default -> { }
            }
        }
        if (usage != null) out.add(new StreamEvent.UsageUpdate(usage));
        String fr = Json.text(cand, "finishReason");
        if (fr != null && !finished) {
            finished = true;
            out.add(new StreamEvent.Finish(GeminiMappings.finishReasonFromGemini(fr, calls > 0), null));
        } else if (cand.isMissingNode() && Json.text(chunk.path("promptFeedback"), "blockReason") != null && !finished) {
            finished = true;
            out.add(new StreamEvent.Finish(FinishReason.CONTENT_FILTER, null));
        }
        return out;
    }

    @Override
    public List<StreamEvent> finish() {
        if (closed) return List.of();
        closed = true;
        if (finished) return List.of(new StreamEvent.End());
        return List.of(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream stream ended before completion")));
    }
}
