package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.StreamEncoder;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IR events → Anthropic's event sequence: {@code message_start}, then per block
 * {@code content_block_start} / {@code content_block_delta}… / {@code content_block_stop}
 * (a {@code ping} follows the first block start), then {@code message_delta} (stop_reason and
 * final usage, including input tokens, which an OpenAI upstream only reports at the end) and
 * {@code message_stop}. A mid-stream error becomes {@code event: error} and nothing follows.
 *
 * <p>Blocks are strictly sequential; if an upstream interleaves argument fragments of several
 * tool calls, fragments for an already-closed tool block are still sent with that block's index.
 */
public final class AnthropicStreamEncoder implements StreamEncoder {
    private final String modelOverride;
    private boolean started;
    private boolean closed;
    private boolean pingSent;
    private int nextIndex;
    private String openType;   // "text", "thinking", "tool_use" or null
    private int openIndex = -1;
    private final Map<Integer, Integer> blockOfTool = new HashMap<>();
    private FinishReason finish;
    private String stopSequence;
    private Usage usage;

    public AnthropicStreamEncoder() {
        this(null);
    }

    /** @param model if non-null, reported instead of the upstream's model */
    public AnthropicStreamEncoder(String model) {
        this.modelOverride = model;
    }

    @Override
    public List<SseEvent> encode(StreamEvent event) {
        List<SseEvent> out = new ArrayList<>();
        if (closed) return out;
        if (!started && !(event instanceof StreamEvent.Error)) {
            started = true;
            StreamEvent.MessageStart ms = event instanceof StreamEvent.MessageStart m ? m : new StreamEvent.MessageStart(null, null, null);
            if (ms.usage() != null) usage = ms.usage();
            ObjectNode msg = Json.object();
            msg.put("id", ms.id() != null ? ms.id() : "msg_" + java.util.UUID.randomUUID().toString().replace("-", ""));
            msg.put("type", "message");
            msg.put("role", "assistant");
            String model = modelOverride != null ? modelOverride : ms.model();
            if (model != null) msg.put("model", model);
            msg.putArray("content");
            msg.putNull("stop_reason");
            msg.putNull("stop_sequence");
            Usage u = ms.usage() != null ? ms.usage() : Usage.ZERO;
            msg.set("usage", AnthropicMappings.usageToAnthropic(u));
            ObjectNode d = Json.object().put("type", "message_start");
            d.set("message", msg);
            out.add(emit("message_start", d));
            if (event instanceof StreamEvent.MessageStart) return out;
        }
        switch (event) {
            case StreamEvent.MessageStart ms -> { }
            case StreamEvent.TextDelta t -> {
                if (t.text().isEmpty()) break;
                if (!"text".equals(openType)) open(out, "text", Json.object().put("type", "text").put("text", ""));
                out.add(delta(openIndex, "text_delta", "text", t.text()));
            }
            case StreamEvent.ThinkingDelta t -> {
                if (!"thinking".equals(openType)) open(out, "thinking", thinkingBlock());
                out.add(delta(openIndex, "thinking_delta", "thinking", t.text()));
            }
            case StreamEvent.ThinkingSignature s -> {
                if (s.family() != Family.ANTHROPIC) break; // foreign signatures are meaningless to Anthropic
                if (!"thinking".equals(openType)) open(out, "thinking", thinkingBlock());
                out.add(delta(openIndex, "signature_delta", "signature", s.signature()));
            }
            case StreamEvent.ToolCallStart s -> {
                ObjectNode b = Json.object().put("type", "tool_use");
                b.put("id", AnthropicRequestEncoder.toolId(s.id()));
                b.put("name", s.name());
                b.putObject("input");
                open(out, "tool_use", b);
                blockOfTool.put(s.index(), openIndex);
            }
            case StreamEvent.ToolCallDelta d -> {
                Integer block = blockOfTool.get(d.index());
                if (block == null || d.argumentsFragment().isEmpty()) break;
                out.add(delta(block, "input_json_delta", "partial_json", d.argumentsFragment()));
            }
            case StreamEvent.UsageUpdate u -> usage = u.usage();
            case StreamEvent.Finish f -> {
                close(out);
                finish = f.reason();
                stopSequence = f.stopSequence();
            }
            case StreamEvent.Error e -> {
                closed = true;
                out.add(emit("error", AnthropicErrorEncoder.body(e.error())));
            }
            case StreamEvent.End end -> {
                closed = true;
                close(out);
                FinishReason fr = finish != null ? finish : blockOfTool.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
                ObjectNode d = Json.object().put("type", "message_delta");
                ObjectNode delta = d.putObject("delta");
                delta.put("stop_reason", AnthropicMappings.stopReasonToAnthropic(fr));
                if (fr == FinishReason.STOP_SEQUENCE && stopSequence != null) delta.put("stop_sequence", stopSequence);
                else delta.putNull("stop_sequence");
                d.set("usage", AnthropicMappings.usageToAnthropic(usage != null ? usage : Usage.ZERO));
                out.add(emit("message_delta", d));
                out.add(emit("message_stop", Json.object().put("type", "message_stop")));
            }
        }
        return out;
    }

    private static ObjectNode thinkingBlock() {
        return Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
    }

    private void open(List<SseEvent> out, String type, ObjectNode block) {
        close(out);
        openType = type;
        openIndex = nextIndex++;
        ObjectNode d = Json.object().put("type", "content_block_start").put("index", openIndex);
        d.set("content_block", block);
        out.add(emit("content_block_start", d));
        if (!pingSent) {
            pingSent = true;
            out.add(emit("ping", Json.object().put("type", "ping")));
        }
    }

    private void close(List<SseEvent> out) {
        if (openType == null) return;
        out.add(emit("content_block_stop", Json.object().put("type", "content_block_stop").put("index", openIndex)));
        openType = null;
    }

    /**
     * {@code {"type":"content_block_delta","index":index,"delta":{"type":type,field:value}}}, written
     * token by token: one per streamed piece, where a tree would cost more than the writing.
     */
    private static SseEvent delta(int index, String type, String field, String value) {
        return SseEvent.json("content_block_delta", g -> {
            g.writeStartObject();
            g.writeStringField("type", "content_block_delta");
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("delta");
            g.writeStringField("type", type);
            g.writeStringField(field, value);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static SseEvent emit(String name, ObjectNode data) {
        return SseEvent.json(name, data);
    }
}
