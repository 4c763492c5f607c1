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
 * <p>A chunk is read member by member ({@link Json#readObject}), not into a tree: there is one per
 * streamed piece, and the tree was most of what translating it allocated. What is read, and how
 * leniently, is what the tree reading gave ({@link Json#text} for every text, {@code asInt} for indexes, the
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
        Chunk chunk = new Chunk();
        if (!Json.readObject(data, chunk)) {
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
            Delta delta = choice.delta;
            String reasoning = delta.reasoningContent != null ? delta.reasoningContent : delta.reasoning;
            if (reasoning != null && !reasoning.isEmpty()) out.add(new StreamEvent.ThinkingDelta(reasoning));
            if (delta.content != null && !delta.content.isEmpty()) out.add(new StreamEvent.TextDelta(delta.content));
            if (delta.refusal != null && !delta.refusal.isEmpty()) out.add(new StreamEvent.TextDelta(delta.refusal));
            for (ToolCall tc : delta.toolCalls) {
                int index = tc.index.asInt(toolIndexes.size());
                if (toolIndexes.add(index)) {
                    out.add(new StreamEvent.ToolCallStart(index, tc.id != null ? tc.id : "call_" + index, tc.function.name));
                }
                String args = tc.function.arguments;
                if (args != null && !args.isEmpty()) out.add(new StreamEvent.ToolCallDelta(index, args));
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

    // What the decoder reads of a chunk, member by member (Json.readObject); members it does not read
    // are stepped over, a repeated member replaces the earlier one, and a value of another kind than
    // expected reads as absent, as with the tree's path().

    private static final class Chunk implements Json.MemberReader {
        String id;
        String model;
        boolean error;
        List<Choice> choices = List.of();
        JsonNode usage;

        @Override
        public void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "id" -> id = Json.text(p);
                case "model" -> model = Json.text(p);
                case "error" -> {
                    error = p.currentToken() != JsonToken.VALUE_NULL;
                    p.skipChildren();
                }
                case "choices" -> choices = Json.objects(p, Choice::new);
                case "usage" -> usage = Json.tree(p);
                default -> p.skipChildren();
            }
        }
    }

    private static final class Choice implements Json.MemberReader {
        JsonNode index = MissingNode.getInstance();
        Delta delta = Delta.NONE;
        String finishReason;

        @Override
        public void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "index" -> index = Json.tree(p);
                case "delta" -> {
                    delta = new Delta();
                    Json.members(p, delta);
                }
                case "finish_reason" -> finishReason = Json.text(p);
                default -> p.skipChildren();
            }
        }
    }

    private static final class Delta implements Json.MemberReader {
        /** A choice without a delta; never read into. */
        static final Delta NONE = new Delta();
        String reasoningContent;
        String reasoning;
        String content;
        String refusal;
        List<ToolCall> toolCalls = List.of();

        @Override
        public void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "reasoning_content" -> reasoningContent = Json.text(p);
                case "reasoning" -> reasoning = Json.text(p);
                case "content" -> content = Json.text(p);
                case "refusal" -> refusal = Json.text(p);
                case "tool_calls" -> toolCalls = Json.objects(p, ToolCall::new);
                default -> p.skipChildren();
            }
        }
    }

    /** A tool call; one that is not an object still counts, with nothing known of it. */
    private static final class ToolCall implements Json.MemberReader {
        JsonNode index = MissingNode.getInstance();
        String id;
        Function function = Function.NONE;

        @Override
        public void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "index" -> index = Json.tree(p);
                case "id" -> id = Json.text(p);
                case "function" -> {
                    function = new Function();
                    Json.members(p, function);
                }
                default -> p.skipChildren();
            }
        }
    }

    private static final class Function implements Json.MemberReader {
        /** A tool call without a function; never read into. */
        static final Function NONE = new Function();
        String name;
        String arguments;

        @Override
        public void member(String member, JsonParser p) throws IOException {
            switch (member) {
                case "name" -> name = Json.text(p);
                case "arguments" -> arguments = Json.text(p);
                default -> p.skipChildren();
            }
        }
    }
}
