package dev.arouter.translate.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.arouter.translate.StreamDecoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * OpenAI chat.completion.chunk stream → IR events. Only choice 0 is followed. A data line with an
 * {@code error} member becomes {@link StreamEvent.Error}; a body that ends without {@code [DONE]}
 * and without a finish_reason is reported as a truncated stream.
 *
 * <p>A chunk is read token by token ({@link Chunk}), not into a tree: there is one per streamed
 * piece, and the tree was most of what translating it allocated. What is read, and how leniently,
 * is what the tree reading gave ({@link Json#text} for every text, {@code asInt} for indexes, the
 * last of repeated members); a chunk carrying an {@code error} is read again as a tree for the
 * error decoder.
 */
public final class OpenAiStreamDecoder implements StreamDecoder {
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
        Chunk chunk = Chunk.read(data);
        if (chunk == null) {
            closed = true;
            out.add(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream sent a malformed stream chunk")));
            return out;
        }
        if (chunk.error) {
            closed = true;
            out.add(new StreamEvent.Error(OpenAiErrorDecoder.decodeBody(0, Json.parse(data))));
            return out;
        }
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(chunk.id, chunk.model, null));
        }
        for (Choice choice : chunk.choices) {
            if (choice.index.asInt(0) != 0) continue;
            String reasoning = choice.reasoningContent != null ? choice.reasoningContent : choice.reasoning;
            if (reasoning != null && !reasoning.isEmpty()) out.add(new StreamEvent.ThinkingDelta(reasoning));
            if (choice.content != null && !choice.content.isEmpty()) out.add(new StreamEvent.TextDelta(choice.content));
            if (choice.refusal != null && !choice.refusal.isEmpty()) out.add(new StreamEvent.TextDelta(choice.refusal));
            for (ToolCall tc : choice.toolCalls) {
                int index = tc.index.asInt(toolIndexes.size());
                if (toolIndexes.add(index)) {
                    out.add(new StreamEvent.ToolCallStart(index, tc.id != null ? tc.id : "call_" + index, tc.name));
                }
                if (tc.arguments != null && !tc.arguments.isEmpty()) out.add(new StreamEvent.ToolCallDelta(index, tc.arguments));
            }
            if (choice.finishReason != null) {
                finished = true;
                out.add(new StreamEvent.Finish(OpenAiMappings.finishReasonFromOpenAi(choice.finishReason), null));
            }
        }
        Usage usage = OpenAiMappings.usageFromOpenAi(chunk.usage);
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

    /** What the decoder reads of one chunk; members it does not read are stepped over. */
    private static final class Chunk {
        String id;
        String model;
        boolean error;
        List<Choice> choices = List.of();
        JsonNode usage;

        /** The chunk, or null when {@code data} is not one JSON object. */
        static Chunk read(String data) {
            try (JsonParser p = Json.MAPPER.createParser(data)) {
                if (p.nextToken() != JsonToken.START_OBJECT) return null;
                Chunk c = new Chunk();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "id" -> c.id = Json.text(p);
                        case "model" -> c.model = Json.text(p);
                        case "error" -> {
                            c.error = t != JsonToken.VALUE_NULL;
                            p.skipChildren();
                        }
                        case "choices" -> c.choices = choices(p, t);
                        case "usage" -> c.usage = Json.tree(p);
                        default -> p.skipChildren();
                    }
                }
                return p.nextToken() == null ? c : null; // trailing tokens: not one object
            } catch (IOException e) {
                return null;
            }
        }
    }

    private static final class Choice {
        JsonNode index = MissingNode.getInstance();
        String reasoningContent;
        String reasoning;
        String content;
        String refusal;
        List<ToolCall> toolCalls = List.of();
        String finishReason;
    }

    private static final class ToolCall {
        JsonNode index = MissingNode.getInstance();
        String id;
        String name;
        String arguments;
    }

    /** The choices array (anything else has none); an element that is not an object yields nothing. */
    private static List<Choice> choices(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<Choice> out = new ArrayList<>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            Choice c = new Choice();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "index" -> c.index = Json.tree(p);
                    case "delta" -> delta(p, v, c);
                    case "finish_reason" -> c.finishReason = Json.text(p);
                    default -> p.skipChildren();
                }
            }
            out.add(c);
        }
        return out;
    }

    /** A delta's members into {@code c}, replacing an earlier delta's; a delta that is not an object has none. */
    private static void delta(JsonParser p, JsonToken t, Choice c) throws IOException {
        c.reasoningContent = c.reasoning = c.content = c.refusal = null;
        c.toolCalls = List.of();
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "reasoning_content" -> c.reasoningContent = Json.text(p);
                case "reasoning" -> c.reasoning = Json.text(p);
                case "content" -> c.content = Json.text(p);
                case "refusal" -> c.refusal = Json.text(p);
                case "tool_calls" -> c.toolCalls = toolCalls(p, v);
                default -> p.skipChildren();
            }
        }
    }

    /** The tool_calls array; an element that is not an object still counts, with nothing known of it. */
    private static List<ToolCall> toolCalls(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            ToolCall tc = new ToolCall();
            out.add(tc);
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "index" -> tc.index = Json.tree(p);
                    case "id" -> tc.id = Json.text(p);
                    case "function" -> function(p, v, tc);
                    default -> p.skipChildren();
                }
            }
        }
        return out;
    }

    private static void function(JsonParser p, JsonToken t, ToolCall tc) throws IOException {
        tc.name = tc.arguments = null;
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "name" -> tc.name = Json.text(p);
                case "arguments" -> tc.arguments = Json.text(p);
                default -> p.skipChildren();
            }
        }
    }
}
