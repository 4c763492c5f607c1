package dev.arouter.translate.gemini;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini {@code streamGenerateContent?alt=sse} → IR events. Each chunk holds only new parts;
 * functionCall parts arrive whole and become a ToolCallStart plus one ToolCallDelta with the
 * complete arguments. usageMetadata is cumulative. There is no end marker: call
 * {@link #finish()} at end of body, which yields End if a finishReason was seen, else an error.
 */
public final class GeminiStreamDecoder implements StreamDecoder {
    private boolean started;
    private boolean finished;
    private boolean closed;
    private int calls;
    private String scope;

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        List<StreamEvent> out = new ArrayList<>();
        if (closed) return out;
        Chunk chunk = new Chunk();
        if (!Json.readFirstObject(event.data(), chunk)) {
            closed = true;
            out.add(new StreamEvent.Error(ApiError.of(ErrorKind.BAD_GATEWAY, "Upstream sent a malformed stream chunk")));
            return out;
        }
        if (chunk.error) {
            closed = true;
            JsonNode tree = Json.parse(event.data());
            out.add(new StreamEvent.Error(GeminiErrorDecoder.decodeBody(0, tree.isArray() ? tree.get(0) : tree)));
            return out;
        }
        Usage usage = GeminiMappings.usageFromGemini(chunk.usageMetadata);
        if (!started) {
            started = true;
            scope = chunk.responseId;
            out.add(new StreamEvent.MessageStart(scope, chunk.modelVersion, usage));
        }
        for (JsonNode p : chunk.parts != null && chunk.parts.isArray() ? chunk.parts : List.<JsonNode>of()) {
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
        String fr = chunk.finishReason;
        if (fr != null && !finished) {
            finished = true;
            out.add(new StreamEvent.Finish(GeminiMappings.finishReasonFromGemini(fr, calls > 0), null));
        } else if (!chunk.candidate && chunk.blockReason != null && !finished) {
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

    /**
     * What the decoder reads of a chunk, member by member ({@link Json#readFirstObject}) rather than
     * into a tree; only the parts, which {@link GeminiResponseDecoder#decodePart} reads, and the
     * usage are trees. The tree reading's leniency is kept: {@link Json#text} for texts, only the
     * first candidate, a repeated member replacing the earlier one, a value of another kind than
     * expected reading as absent.
     */
    private static final class Chunk implements Json.MemberReader {
        boolean error;          // present, even as null
        JsonNode usageMetadata;
        String responseId;
        String modelVersion;
        boolean candidate;      // candidates[0] exists, whatever it is
        JsonNode parts;         // content.parts, walked when it is an array
        String finishReason;
        String blockReason;

        @Override
        public void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "error" -> {
                    error = true;
                    p.skipChildren();
                }
                case "usageMetadata" -> usageMetadata = Json.tree(p);
                case "responseId" -> responseId = Json.text(p);
                case "modelVersion" -> modelVersion = Json.text(p);
                case "candidates" -> candidates(p);
                case "promptFeedback" -> {
                    blockReason = null;
                    Json.members(p, (n, v) -> {
                        if (n.equals("blockReason")) blockReason = Json.text(v);
                        else v.skipChildren();
                    });
                }
                default -> p.skipChildren();
            }
        }

        private void candidates(JsonParser p) throws IOException {
            candidate = false;
            parts = null;
            finishReason = null;
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            if (p.nextToken() == JsonToken.END_ARRAY) return;
            candidate = true;
            Json.members(p, (n, v) -> {
                switch (n) {
                    case "content" -> {
                        parts = null;
                        Json.members(v, (cn, cv) -> {
                            if (cn.equals("parts")) parts = Json.tree(cv);
                            else cv.skipChildren();
                        });
                    }
                    case "finishReason" -> finishReason = Json.text(v);
                    default -> v.skipChildren();
                }
            });
            while (p.nextToken() != JsonToken.END_ARRAY) p.skipChildren(); // only the first candidate counts
        }
    }
}
