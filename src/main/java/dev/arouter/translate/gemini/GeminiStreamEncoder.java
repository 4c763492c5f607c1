package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.StreamEncoder;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IR events → Gemini {@code data: <GenerateContentResponse>} chunks with CRLF framing and no
 * terminator. Text and thought deltas stream as they come; tool-call arguments cannot stream
 * (Gemini {@code args} is an object), so calls are buffered and emitted whole in the final
 * chunk together with {@code finishReason} and {@code usageMetadata}. A mid-stream error becomes
 * {@code data: {"error": {…}}}.
 */
public final class GeminiStreamEncoder implements StreamEncoder {
    private final String modelOverride;
    private String responseId;
    private String model;
    private Usage usage;
    private FinishReason finish;
    private boolean closed;
    private final Map<Integer, String[]> calls = new LinkedHashMap<>(); // index → {id, name}
    private final Map<Integer, StringBuilder> args = new LinkedHashMap<>();

    public GeminiStreamEncoder() {
        this(null);
    }

    /** @param model if non-null, reported as modelVersion instead of the upstream's model */
    public GeminiStreamEncoder(String model) {
        this.modelOverride = model;
    }

    @Override
    public String lineEnding() {
        return "\r\n";
    }

    @Override
    public List<SseEvent> encode(StreamEvent event) {
        List<SseEvent> out = new ArrayList<>();
        if (closed) return out;
        switch (event) {
            case StreamEvent.MessageStart ms -> {
                responseId = ms.id();
                model = ms.model();
                if (ms.usage() != null) usage = ms.usage();
            }
            case StreamEvent.TextDelta t -> {
                if (t.text().isEmpty()) break;
                out.add(chunk(textPart(t.text(), false), null));
            }
            case StreamEvent.ThinkingDelta t -> out.add(chunk(textPart(t.text(), true), null));
            case StreamEvent.ThinkingSignature s -> {
                if (s.family() != Family.GEMINI) break;
                String signature = s.signature();
                out.add(chunk(g -> {
                    g.writeStartObject();
                    g.writeStringField("text", "");
                    g.writeStringField("thoughtSignature", signature);
                    g.writeEndObject();
                }, null));
            }
            case StreamEvent.ToolCallStart s -> {
                calls.put(s.index(), new String[]{s.id(), s.name()});
                args.put(s.index(), new StringBuilder());
            }
            case StreamEvent.ToolCallDelta d -> {
                StringBuilder sb = args.get(d.index());
                if (sb != null) sb.append(d.argumentsFragment());
            }
            case StreamEvent.UsageUpdate u -> usage = u.usage();
            case StreamEvent.Finish f -> finish = f.reason();
            case StreamEvent.Error e -> {
                closed = true;
                out.add(SseEvent.json(null, GeminiErrorEncoder.body(e.error())));
            }
            case StreamEvent.End end -> {
                closed = true;
                ArrayNode parts = Json.array();
                for (var c : calls.entrySet()) {
                    String[] idName = c.getValue();
                    GeminiResponseEncoder.addPart(new Part.ToolCall(idName[0], idName[1], args.get(c.getKey()).toString()), parts);
                }
                FinishReason fr = finish != null ? finish : calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
                out.add(chunk(parts.isEmpty() ? null : g -> {
                    for (JsonNode part : parts) g.writeTree(part);
                }, GeminiMappings.finishReasonToGemini(fr)));
            }
        }
        return out;
    }

    /** One text part, {@code {"text":…}}, with {@code "thought":true} for a thought. */
    private static Json.Writable textPart(String text, boolean thought) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("text", text);
            if (thought) g.writeBooleanField("thought", true);
            g.writeEndObject();
        };
    }

    /**
     * One {@code GenerateContentResponse} chunk, written token by token (no tree: there is one per
     * streamed piece): {@code parts} writes the parts (null for none; a chunk without parts and
     * without a finish reason still carries an empty content), then the finish reason, the usage
     * known so far, the model and the response id.
     */
    private SseEvent chunk(Json.Writable parts, String finishReason) {
        ObjectNode usageMetadata = usage != null ? GeminiMappings.usageToGemini(usage) : null;
        String m = modelOverride != null ? modelOverride : model;
        String id = responseId;
        return SseEvent.json(null, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("candidates");
            g.writeStartObject();
            if (parts != null || finishReason == null) {
                g.writeObjectFieldStart("content");
                g.writeArrayFieldStart("parts");
                if (parts != null) parts.writeTo(g);
                g.writeEndArray();
                g.writeStringField("role", "model");
                g.writeEndObject();
            }
            if (finishReason != null) g.writeStringField("finishReason", finishReason);
            g.writeNumberField("index", 0);
            g.writeEndObject();
            g.writeEndArray();
            if (usageMetadata != null) {
                g.writeFieldName("usageMetadata");
                g.writeTree(usageMetadata);
            }
            if (m != null) g.writeStringField("modelVersion", m);
            if (id != null) g.writeStringField("responseId", id);
            g.writeEndObject();
        });
    }
}
