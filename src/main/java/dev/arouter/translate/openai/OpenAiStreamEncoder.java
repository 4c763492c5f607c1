package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.StreamEncoder;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * IR events → OpenAI chunk stream: a role chunk first, {@code delta.content} /
 * {@code delta.reasoning_content} / {@code delta.tool_calls} chunks, a {@code finish_reason}
 * chunk, the usage chunk ({@code choices: []}) when the client asked for {@code include_usage},
 * then {@code data: [DONE]}. A mid-stream error becomes {@code data: {"error": …}} with no
 * {@code [DONE]} after it.
 */
public final class OpenAiStreamEncoder implements StreamEncoder {
    private static final SseEvent DONE = new SseEvent(null, "[DONE]");
    private static final Json.Writable ROLE = g -> {
        g.writeStringField("role", "assistant");
        g.writeStringField("content", "");
    };
    private static final Json.Writable EMPTY = g -> { };
    private final boolean includeUsage;
    private final long created;
    private final String modelOverride;
    private String id;
    private String model;
    private boolean started;
    private boolean closed;
    private Usage usage;

    /** @param includeUsage the client's {@code stream_options.include_usage} */
    public OpenAiStreamEncoder(boolean includeUsage) {
        this(includeUsage, System.currentTimeMillis() / 1000, null);
    }

    /** @param model if non-null, reported instead of the upstream's model */
    public OpenAiStreamEncoder(boolean includeUsage, long createdEpochSeconds, String model) {
        this.includeUsage = includeUsage;
        this.created = createdEpochSeconds;
        this.modelOverride = model;
    }

    @Override
    public List<SseEvent> encode(StreamEvent event) {
        List<SseEvent> out = new ArrayList<>();
        if (closed) return out;
        if (!started && !(event instanceof StreamEvent.Error)) {
            started = true;
            if (event instanceof StreamEvent.MessageStart ms) {
                id = ms.id();
                model = ms.model();
                if (ms.usage() != null) usage = ms.usage();
            }
            out.add(chunk(ROLE, null));
            if (event instanceof StreamEvent.MessageStart) return out;
        }
        switch (event) {
            case StreamEvent.MessageStart ms -> { }
            case StreamEvent.TextDelta t -> out.add(chunk(g -> g.writeStringField("content", t.text()), null));
            case StreamEvent.ThinkingDelta t -> out.add(chunk(g -> g.writeStringField("reasoning_content", t.text()), null));
            case StreamEvent.ThinkingSignature s -> { } // no OpenAI field for it in streams
            case StreamEvent.ToolCallStart s -> out.add(chunk(g -> {
                g.writeArrayFieldStart("tool_calls");
                g.writeStartObject();
                g.writeNumberField("index", s.index());
                g.writeStringField("id", s.id());
                g.writeStringField("type", "function");
                g.writeObjectFieldStart("function");
                g.writeStringField("name", s.name());
                g.writeStringField("arguments", "");
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
            }, null));
            case StreamEvent.ToolCallDelta d -> {
                if (d.argumentsFragment().isEmpty()) break;
                out.add(chunk(g -> {
                    g.writeArrayFieldStart("tool_calls");
                    g.writeStartObject();
                    g.writeNumberField("index", d.index());
                    g.writeObjectFieldStart("function");
                    g.writeStringField("arguments", d.argumentsFragment());
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeEndArray();
                }, null));
            }
            case StreamEvent.UsageUpdate u -> usage = u.usage();
            case StreamEvent.Finish f -> out.add(chunk(EMPTY, OpenAiMappings.finishReasonToOpenAi(f.reason())));
            case StreamEvent.Error e -> {
                closed = true;
                out.add(SseEvent.json(null, OpenAiErrorEncoder.body(e.error())));
            }
            case StreamEvent.End end -> {
                closed = true;
                if (includeUsage && usage != null) {
                    ObjectNode c = base();
                    c.putArray("choices");
                    c.set("usage", OpenAiMappings.usageToOpenAi(usage));
                    out.add(SseEvent.json(null, c));
                }
                out.add(DONE);
            }
        }
        return out;
    }

    private ObjectNode base() {
        ObjectNode c = Json.object();
        c.put("id", id());
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        String m = model();
        if (m != null) c.put("model", m);
        return c;
    }

    private String id() {
        if (id == null) id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        return id;
    }

    private String model() {
        return modelOverride != null ? modelOverride : model;
    }

    /**
     * A {@code choices[0]} chunk, written token by token (no tree: one per streamed piece). The
     * fields and their order are those of {@link #base()} followed by {@code choices} and the
     * {@code usage: null} placeholder; {@code delta} writes the fields of the delta object.
     */
    private SseEvent chunk(Json.Writable delta, String finishReason) {
        String chunkId = id();
        String m = model();
        long createdAt = created;
        boolean usageField = includeUsage;
        return SseEvent.json(null, g -> {
            g.writeStartObject();
            g.writeStringField("id", chunkId);
            g.writeStringField("object", "chat.completion.chunk");
            g.writeNumberField("created", createdAt);
            if (m != null) g.writeStringField("model", m);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("delta");
            delta.writeTo(g);
            g.writeEndObject();
            g.writeNullField("logprobs");
            if (finishReason == null) g.writeNullField("finish_reason");
            else g.writeStringField("finish_reason", finishReason);
            g.writeEndObject();
            g.writeEndArray();
            if (usageField) g.writeNullField("usage");
            g.writeEndObject();
        });
    }
}
