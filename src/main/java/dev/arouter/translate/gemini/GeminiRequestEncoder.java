package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ChatRequestEncoder;
import dev.arouter.translate.ir.ChatRequest;
import dev.arouter.translate.ir.Conversation;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.MediaSource;
import dev.arouter.translate.ir.Message;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.ResponseFormat;
import dev.arouter.translate.ir.Role;
import dev.arouter.translate.ir.ToolDefinition;
import dev.arouter.translate.ir.TranslationException;

import java.util.ArrayList;
import java.util.List;

/**
 * IR → Gemini GenerateContentRequest (the body only; model and streaming go in the URL, see
 * {@link #path(String, boolean)}).
 *
 * <ul>
 *   <li>http(s) media must be inlined by the caller first: {@link #mediaNeedingFetch} lists them
 *       and {@link #encode} refuses (400) while any remain. Gemini Files-API URIs pass as
 *       {@code fileData}.</li>
 *   <li>tools use {@code parametersJsonSchema} (plain JSON Schema), structured output
 *       {@code responseJsonSchema}.</li>
 *   <li>tool results become {@code functionResponse} parts named after their call; a result whose
 *       tool name is unknown is rejected (400). Non-object results are wrapped as
 *       {@code {"output": …}}, errors as {@code {"error": …}}.</li>
 *   <li>{@code thoughtSignature} is restored on each functionCall part from the IR part or from
 *       the synthesized call id ({@link GeminiToolIds}).</li>
 *   <li>Only Gemini-signed thinking is sent back; ids are not sent (Gemini matches by name/order).</li>
 * </ul>
 */
public final class GeminiRequestEncoder implements ChatRequestEncoder {

    /** Relative API path for a model: {@code models/{m}:generateContent} or {@code …:streamGenerateContent?alt=sse}. */
    public static String path(String model, boolean stream) {
        String m = model.startsWith("models/") ? model : "models/" + model;
        return m + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    @Override
    public List<MediaSource> mediaNeedingFetch(ChatRequest request) {
        List<MediaSource> out = new ArrayList<>();
        for (Message m : request.messages) {
            for (Part p : m.parts()) {
                MediaSource s = switch (p) {
                    case Part.Image i -> i.source();
                    case Part.Document d -> d.source();
                    case Part.Audio a -> a.source();
                    default -> null;
                };
                if (s != null && s.kind() == MediaSource.Kind.URL && !out.contains(s)) out.add(s);
            }
        }
        return out;
    }

    @Override
    public ObjectNode encode(ChatRequest r) {
        ObjectNode o = Json.object();
        if (!r.system.isEmpty()) {
            o.putObject("systemInstruction").putArray("parts").addObject().put("text", String.join("\n\n", r.system));
        }
        ArrayNode contents = o.putArray("contents");
        for (Message m : Conversation.normalizeForStrictFamilies(r.messages)) {
            ArrayNode parts = Json.array();
            for (Part p : m.parts()) encodePart(p, parts);
            if (parts.isEmpty()) continue;
            ObjectNode c = contents.addObject();
            c.put("role", m.role() == Role.ASSISTANT ? "model" : "user");
            c.set("parts", parts);
        }
        if (!r.tools.isEmpty()) {
            ArrayNode decls = o.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolDefinition t : r.tools) {
                ObjectNode d = decls.addObject();
                d.put("name", t.name());
                Json.putIfNotNull(d, "description", t.description());
                Json.putIfNotNull(d, "parametersJsonSchema", t.parameters());
            }
        }
        if (r.toolChoice != null) {
            ObjectNode fcc = o.putObject("toolConfig").putObject("functionCallingConfig");
            switch (r.toolChoice.mode()) {
                case AUTO -> fcc.put("mode", "AUTO");
                case NONE -> fcc.put("mode", "NONE");
                case REQUIRED -> fcc.put("mode", "ANY");
                case FUNCTION -> {
                    fcc.put("mode", "ANY");
                    fcc.putArray("allowedFunctionNames").add(r.toolChoice.functionName());
                }
            }
        }
        // parallel_tool_calls: Gemini has no switch (README §4.5), dropped.
        ObjectNode gc = Json.object();
        Json.putIfNotNull(gc, "temperature", r.temperature);
        Json.putIfNotNull(gc, "topP", r.topP);
        Json.putIfNotNull(gc, "topK", r.topK);
        Json.putIfNotNull(gc, "maxOutputTokens", r.maxOutputTokens);
        if (!r.stop.isEmpty()) {
            ArrayNode s = gc.putArray("stopSequences");
            r.stop.forEach(s::add);
        }
        Json.putIfNotNull(gc, "candidateCount", r.n);
        Json.putIfNotNull(gc, "seed", r.seed);
        Json.putIfNotNull(gc, "presencePenalty", r.presencePenalty);
        Json.putIfNotNull(gc, "frequencyPenalty", r.frequencyPenalty);
        if (r.responseFormat != null && r.responseFormat.type() != ResponseFormat.Type.TEXT) {
            gc.put("responseMimeType", "application/json");
            if (r.responseFormat.type() == ResponseFormat.Type.JSON_SCHEMA && r.responseFormat.schema() != null) {
                gc.set("responseJsonSchema", r.responseFormat.schema());
            }
        }
        if (r.reasoning != null) {
            ObjectNode tc = Json.object();
            if (r.reasoning.isDisabled()) {
                tc.put("thinkingBudget", 0);
            } else if (Boolean.TRUE.equals(r.reasoning.enabled())) {
                Integer b = r.reasoning.effectiveBudget();
                tc.put("thinkingBudget", b == null ? -1 : b);
                tc.put("includeThoughts", r.reasoning.includeThoughts() == null || r.reasoning.includeThoughts());
            } else if (r.reasoning.includeThoughts() != null) {
                tc.put("includeThoughts", r.reasoning.includeThoughts());
            }
            if (!tc.isEmpty()) gc.set("thinkingConfig", tc);
        }
        if (!gc.isEmpty()) o.set("generationConfig", gc);
        return o;
    }

    private static void encodePart(Part p, ArrayNode parts) {
        switch (p) {
            case Part.Text t -> {
                if (t.text() == null || t.text().isEmpty()) {
                    if (t.thoughtSignature() != null) parts.addObject().put("text", "").put("thoughtSignature", t.thoughtSignature());
                    return;
                }
                ObjectNode o = parts.addObject().put("text", t.text());
                Json.putIfNotNull(o, "thoughtSignature", t.thoughtSignature());
            }
            case Part.Image i -> media(i.source(), parts);
            case Part.Document d -> media(d.source(), parts);
            case Part.Audio a -> media(a.source(), parts);
            case Part.ToolCall tc -> {
                ObjectNode o = parts.addObject();
                ObjectNode fc = o.putObject("functionCall");
                fc.put("name", tc.name());
                fc.set("args", Json.argumentsObject(tc.arguments()));
                String sig = tc.thoughtSignature() != null ? tc.thoughtSignature() : GeminiToolIds.signatureFromId(tc.id());
                Json.putIfNotNull(o, "thoughtSignature", sig);
            }
            case Part.ToolResult tr -> {
                if (tr.name() == null) {
                    throw new TranslationException("Tool result for call '" + tr.toolCallId() + "' has no matching tool call, Gemini needs the function name");
                }
                ObjectNode fr = parts.addObject().putObject("functionResponse");
                fr.put("name", tr.name());
                fr.set("response", responseObject(tr));
            }
            case Part.Thinking th -> {
                if (th.signatureFamily() != Family.GEMINI || th.redacted()) return;
                parts.addObject().put("text", th.text() == null ? "" : th.text()).put("thought", true)
                        .put("thoughtSignature", th.signature());
            }
        }
    }

    private static ObjectNode responseObject(Part.ToolResult tr) {
        String content = tr.content() == null ? "" : tr.content();
        JsonNode parsed = Json.tryParse(content);
        ObjectNode o = Json.object();
        if (tr.isError()) {
            o.set("error", parsed != null && !parsed.isMissingNode() ? parsed : Json.MAPPER.getNodeFactory().textNode(content));
            return o;
        }
        if (parsed instanceof ObjectNode obj) return obj;
        o.set("output", parsed != null && !parsed.isMissingNode() ? parsed : Json.MAPPER.getNodeFactory().textNode(content));
        return o;
    }

    private static void media(MediaSource s, ArrayNode parts) {
        switch (s.kind()) {
            case INLINE -> parts.addObject().putObject("inlineData")
                    .put("mimeType", s.mediaType() == null ? "application/octet-stream" : s.mediaType()).put("data", s.data());
            case URL -> throw new TranslationException("Media URL " + s.url() + " must be fetched and inlined before encoding for Gemini");
            case FILE -> {
                if (s.owner() != Family.GEMINI) {
                    throw new TranslationException("A file reference issued by " + s.owner() + " cannot be sent to Gemini");
                }
                ObjectNode fd = parts.addObject().putObject("fileData");
                Json.putIfNotNull(fd, "mimeType", s.mediaType());
                fd.put("fileUri", s.url());
            }
        }
    }
}
