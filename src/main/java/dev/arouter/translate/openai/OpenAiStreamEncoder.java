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
            ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
            out.add(chunk(delta, null));
            if (event instanceof StreamEvent.MessageStart) return out;
        }
        switch (event) {
            case StreamEvent.MessageStart ms -> { }
            case StreamEvent.TextDelta t -> out.add(chunk(Json.object().put("content", t.text()), null));
            case StreamEvent.ThinkingDelta t -> out.add(chunk(Json.object().put("reasoning_content", t.text()), null));
            case StreamEvent.ThinkingSignature s -> { } // no OpenAI field for it in streams
            case StreamEvent.ToolCallStart s -> {
                ObjectNode delta = Json.object();
                ObjectNode tc = delta.putArray("tool_calls").addObject();
                tc.put("index", s.index());
                tc.put("id", s.id());
                tc.put("type", "function");
                tc.putObject("function").put("name", s.name()).put("arguments", "");
                out.add(chunk(delta, null));
            }
            case StreamEvent.ToolCallDelta d -> {
                if (d.argumentsFragment().isEmpty()) break;
                ObjectNode delta = Json.object();
                ObjectNode tc = delta.putArray("tool_calls").addObject();
                tc.put("index", d.index());
                tc.putObject("function").put("arguments", d.argumentsFragment());
                out.add(chunk(delta, null));
            }
            case StreamEvent.UsageUpdate u -> usage = u.usage();
            case StreamEvent.Finish f -> out.add(chunk(Json.object(), OpenAiMappings.finishReasonToOpenAi(f.reason())));
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
        if (id == null) id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        String m = modelOverride != null ? modelOverride : model;
        if (m != null) c.put("model", m);
        return c;
    }

    private SseEvent chunk(ObjectNode delta, String finishReason) {
        ObjectNode c = base();
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        if (includeUsage) c.putNull("usage");
        return SseEvent.json(null, c);
    }
}
