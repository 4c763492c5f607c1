package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.arouter.translate.StreamDecoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic Messages stream → IR events. Tool blocks are renumbered to tool-only indexes;
 * {@code ping}, {@code content_block_stop}, {@code citations_delta} and unknown events are
 * skipped; {@code message_delta.usage} is cumulative and merged with the input side from
 * {@code message_start}.
 */
public final class AnthropicStreamDecoder implements StreamDecoder {
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private Usage usage = Usage.ZERO;
    private boolean sawFinish;
    private boolean closed;

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        List<StreamEvent> out = new ArrayList<>();
        if (closed) return out;
        if ("content_block_delta".equals(event.event())) {
            BlockDelta bd = new BlockDelta();
            if (!Json.readObject(event.data(), bd)) {
                closed = true;
                out.add(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream sent a malformed stream event")));
                return out;
            }
            if ("content_block_delta".equals(bd.type != null ? bd.type : event.event())) {
                blockDelta(bd, out);
                return out;
            }
            // the data's own type says otherwise: read below like any other event
        }
        JsonNode d = Json.tryParse(event.data());
        if (d == null || !d.isObject()) {
            closed = true;
            out.add(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream sent a malformed stream event")));
            return out;
        }
        String type = Json.text(d, "type");
        if (type == null) type = event.event();
        switch (type == null ? "" : type) {
            case "message_start" -> {
                JsonNode m = d.path("message");
                Usage u = AnthropicMappings.usageFromAnthropic(m.get("usage"));
                if (u != null) usage = u;
                out.add(new StreamEvent.MessageStart(Json.text(m, "id"), Json.text(m, "model"), u));
            }
            case "content_block_start" -> {
                int index = d.path("index").asInt();
                JsonNode b = d.path("content_block");
                switch (String.valueOf(Json.text(b, "type"))) {
                    case "tool_use", "server_tool_use" -> {
                        int k = toolIndexByBlock.size();
                        toolIndexByBlock.put(index, k);
                        out.add(new StreamEvent.ToolCallStart(k, Json.text(b, "id"), Json.text(b, "name")));
                        JsonNode input = b.get("input");
                        if (input != null && input.isObject() && !input.isEmpty()) {
                            out.add(new StreamEvent.ToolCallDelta(k, Json.write(input)));
                        }
                    }
                    case "text" -> {
                        String t = Json.text(b, "text");
                        if (t != null && !t.isEmpty()) out.add(new StreamEvent.TextDelta(t));
                    }
                    case "thinking" -> {
                        String t = Json.text(b, "thinking");
                        if (t != null && !t.isEmpty()) out.add(new StreamEvent.ThinkingDelta(t));
                    }
                    case "redacted_thinking" -> out.add(new StreamEvent.ThinkingSignature(Json.text(b, "data"), Family.ANTHROPIC));
                    default -> { }
                }
            }
            case "content_block_delta" -> blockDelta(BlockDelta.of(d), out);
            case "message_delta" -> {
                JsonNode u = d.get("usage");
                if (u != null && u.isObject()) {
                    if (u.has("input_tokens") || u.has("cache_read_input_tokens") || u.has("cache_creation_input_tokens")) {
                        Usage in = AnthropicMappings.usageFromAnthropic(u);
                        usage = usage.withInput(in.inputTokens(), in.cachedReadTokens(), in.cacheWriteTokens());
                    }
                    if (u.has("output_tokens")) {
                        usage = usage.withOutput(Json.lng(u, "output_tokens"), Json.lng(u.path("output_tokens_details"), "thinking_tokens"));
                    }
                }
                JsonNode delta = d.path("delta");
                if (delta.has("stop_reason") && !delta.get("stop_reason").isNull()) {
                    sawFinish = true;
                    out.add(new StreamEvent.Finish(AnthropicMappings.stopReasonFromAnthropic(Json.text(delta, "stop_reason")),
                            Json.text(delta, "stop_sequence")));
                }
                out.add(new StreamEvent.UsageUpdate(usage));
            }
            case "message_stop" -> {
                closed = true;
                out.add(new StreamEvent.End());
            }
            case "error" -> {
                closed = true;
                out.add(new StreamEvent.Error(AnthropicErrorDecoder.decodeBody(0, d)));
            }
            default -> { } // ping and future event types
        }
        return out;
    }

    private void blockDelta(BlockDelta bd, List<StreamEvent> out) {
        Delta d = bd.delta;
        switch (String.valueOf(d.type)) {
            case "text_delta" -> out.add(new StreamEvent.TextDelta(d.text));
            case "thinking_delta" -> out.add(new StreamEvent.ThinkingDelta(d.thinking));
            case "signature_delta" -> out.add(new StreamEvent.ThinkingSignature(d.signature, Family.ANTHROPIC));
            case "input_json_delta" -> {
                Integer k = toolIndexByBlock.get(bd.index.asInt());
                if (k != null && d.partialJson != null && !d.partialJson.isEmpty()) out.add(new StreamEvent.ToolCallDelta(k, d.partialJson));
            }
            default -> { }
        }
    }

    @Override
    public List<StreamEvent> finish() {
        if (closed) return List.of();
        closed = true;
        if (sawFinish) return List.of(new StreamEvent.End());
        return List.of(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream stream ended before completion")));
    }

    /**
     * What a {@code content_block_delta} carries. The event of every streamed token, so it is read
     * member by member ({@link Json#readObject}) rather than into a tree, with the tree reading's
     * leniency ({@link Json#text} for texts, {@code asInt} for the index, the last of repeated members).
     */
    private static final class BlockDelta implements Json.MemberReader {
        String type;
        JsonNode index = MissingNode.getInstance();
        Delta delta = Delta.NONE;

        @Override
        public void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "type" -> type = Json.text(p);
                case "index" -> index = Json.tree(p);
                case "delta" -> {
                    delta = new Delta();
                    Json.members(p, delta);
                }
                default -> p.skipChildren();
            }
        }

        /** The same, from an event already read into a tree (one whose name did not announce a delta). */
        static BlockDelta of(JsonNode d) {
            BlockDelta bd = new BlockDelta();
            bd.index = d.path("index");
            bd.delta = new Delta();
            JsonNode delta = d.path("delta");
            bd.delta.type = Json.text(delta, "type");
            bd.delta.text = Json.text(delta, "text");
            bd.delta.thinking = Json.text(delta, "thinking");
            bd.delta.signature = Json.text(delta, "signature");
            bd.delta.partialJson = Json.text(delta, "partial_json");
            return bd;
        }
    }

    private static final class Delta implements Json.MemberReader {
        /** An event without a delta; never read into. */
        static final Delta NONE = new Delta();
        String type;
        String text;
        String thinking;
        String signature;
        String partialJson;

        @Override
        public void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "type" -> type = Json.text(p);
                case "text" -> text = Json.text(p);
                case "thinking" -> thinking = Json.text(p);
                case "signature" -> signature = Json.text(p);
                case "partial_json" -> partialJson = Json.text(p);
                default -> p.skipChildren();
            }
        }
    }
}
