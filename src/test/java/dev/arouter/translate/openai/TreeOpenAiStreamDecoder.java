package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.StreamDecoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The OpenAI stream decoder as it was before it read chunks token by token (each chunk into a
 * Jackson tree): the oracle {@link OpenAiStreamDecoderTest} holds the token reader to.
 */
final class TreeOpenAiStreamDecoder implements StreamDecoder {
    private boolean started;
    private boolean finished;   // finish_reason seen
    private boolean closed;     // [DONE] or error seen
    private final Set<Integer> toolIndexes = new HashSet<>();

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        List<StreamEvent> out = new ArrayList<>();
        if (closed) return out;
        String data = event.data().trim();
        if (data.isEmpty()) return out;
        if (data.equals("[DONE]")) {
            closed = true;
            out.add(new StreamEvent.End());
            return out;
        }
        JsonNode chunk = Json.tryParse(data);
        if (chunk == null || !chunk.isObject()) {
            closed = true;
            out.add(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream sent a malformed stream chunk")));
            return out;
        }
        if (chunk.hasNonNull("error")) {
            closed = true;
            out.add(new StreamEvent.Error(OpenAiErrorDecoder.decodeBody(0, chunk)));
            return out;
        }
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(Json.text(chunk, "id"), Json.text(chunk, "model"), null));
        }
        for (JsonNode choice : Json.each(chunk, "choices")) {
            if (choice.path("index").asInt(0) != 0) continue;
            JsonNode delta = choice.path("delta");
            String reasoning = Json.text(delta, "reasoning_content", "reasoning");
            if (reasoning != null && !reasoning.isEmpty()) out.add(new StreamEvent.ThinkingDelta(reasoning));
            String content = Json.text(delta, "content");
            if (content != null && !content.isEmpty()) out.add(new StreamEvent.TextDelta(content));
            String refusal = Json.text(delta, "refusal");
            if (refusal != null && !refusal.isEmpty()) out.add(new StreamEvent.TextDelta(refusal));
            for (JsonNode tc : Json.each(delta, "tool_calls")) {
                int index = tc.path("index").asInt(toolIndexes.size());
                JsonNode f = tc.path("function");
                if (toolIndexes.add(index)) {
                    String id = Json.text(tc, "id");
                    out.add(new StreamEvent.ToolCallStart(index, id != null ? id : "call_" + index, Json.text(f, "name")));
                }
                String args = Json.text(f, "arguments");
                if (args != null && !args.isEmpty()) out.add(new StreamEvent.ToolCallDelta(index, args));
            }
            String fr = Json.text(choice, "finish_reason");
            if (fr != null) {
                finished = true;
                out.add(new StreamEvent.Finish(OpenAiMappings.finishReasonFromOpenAi(fr), null));
            }
        }
        Usage usage = OpenAiMappings.usageFromOpenAi(chunk.get("usage"));
        if (usage != null) out.add(new StreamEvent.UsageUpdate(usage));
        return out;
    }

    @Override
    public List<StreamEvent> finish() {
        if (closed) return List.of();
        closed = true;
        if (finished) return List.of(new StreamEvent.End()); // lenient: some servers omit [DONE]
        return List.of(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream stream ended before completion")));
    }
}
