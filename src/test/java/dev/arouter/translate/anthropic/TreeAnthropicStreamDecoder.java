package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.StreamDecoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic stream decoder as it was before it read content_block_delta events token by token
 * (every event into a Jackson tree): the oracle {@link AnthropicStreamDecoderTest} holds it to.
 */
final class TreeAnthropicStreamDecoder implements StreamDecoder {
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private Usage usage = Usage.ZERO;
    private boolean sawFinish;
    private boolean closed;

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        List<StreamEvent> out = new ArrayList<>();
        if (closed) return out;
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
            case "content_block_delta" -> {
                JsonNode delta = d.path("delta");
                switch (String.valueOf(Json.text(delta, "type"))) {
                    case "text_delta" -> out.add(new StreamEvent.TextDelta(Json.text(delta, "text")));
                    case "thinking_delta" -> out.add(new StreamEvent.ThinkingDelta(Json.text(delta, "thinking")));
                    case "signature_delta" -> out.add(new StreamEvent.ThinkingSignature(Json.text(delta, "signature"), Family.ANTHROPIC));
                    case "input_json_delta" -> {
                        Integer k = toolIndexByBlock.get(d.path("index").asInt());
                        String frag = Json.text(delta, "partial_json");
                        if (k != null && frag != null && !frag.isEmpty()) out.add(new StreamEvent.ToolCallDelta(k, frag));
                    }
                    default -> { }
                }
            }
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

    @Override
    public List<StreamEvent> finish() {
        if (closed) return List.of();
        closed = true;
        if (sawFinish) return List.of(new StreamEvent.End());
        return List.of(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream stream ended before completion")));
    }
}
