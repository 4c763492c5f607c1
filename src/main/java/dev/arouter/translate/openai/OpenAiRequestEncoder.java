package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ChatRequestEncoder;
import dev.arouter.translate.ir.ChatRequest;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.MediaSource;
import dev.arouter.translate.ir.Message;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.ResponseFormat;
import dev.arouter.translate.ir.Role;
import dev.arouter.translate.ir.ToolChoice;
import dev.arouter.translate.ir.ToolDefinition;
import dev.arouter.translate.ir.TranslationException;

import java.util.ArrayList;
import java.util.List;

/**
 * IR → OpenAI Chat Completions request.
 *
 * <p>System text becomes one leading {@code system} message. A user message holding tool results
 * is split into one {@code tool} message per result followed by a {@code user} message for the
 * rest. Thinking in the history is dropped (OpenAI takes none back); {@code top_k} is dropped.
 * Streaming requests always ask for {@code include_usage} (needed for billing and for other
 * families' final usage); the OpenAI stream encoder strips it if the client did not ask.
 */
public final class OpenAiRequestEncoder implements ChatRequestEncoder {

    @Override
    public List<MediaSource> mediaNeedingFetch(ChatRequest request) {
        List<MediaSource> out = new ArrayList<>();
        for (Message m : request.messages)
            for (Part p : m.parts())
                if (p instanceof Part.Document d && d.source().kind() == MediaSource.Kind.URL && !out.contains(d.source()))
                    out.add(d.source()); // OpenAI file parts take data URLs only
        return out;
    }

    @Override
    public ObjectNode encode(ChatRequest r) {
        ObjectNode o = Json.object();
        Json.putIfNotNull(o, "model", r.model);
        ArrayNode msgs = o.putArray("messages");
        if (!r.system.isEmpty()) {
            ObjectNode sys = msgs.addObject();
            sys.put("role", "system");
            sys.put("content", String.join("\n\n", r.system));
        }
        for (Message m : r.messages) {
            if (m.role() == Role.ASSISTANT) encodeAssistant(m, msgs);
            else encodeUser(m, msgs);
        }
        if (!r.tools.isEmpty()) {
            ArrayNode tools = o.putArray("tools");
            for (ToolDefinition t : r.tools) {
                ObjectNode f = tools.addObject().put("type", "function").putObject("function");
                f.put("name", t.name());
                Json.putIfNotNull(f, "description", t.description());
                Json.putIfNotNull(f, "parameters", t.parameters());
                Json.putIfNotNull(f, "strict", t.strict());
            }
            Json.putIfNotNull(o, "parallel_tool_calls", r.parallelToolCalls);
        }
        if (r.toolChoice != null) o.set("tool_choice", encodeToolChoice(r.toolChoice));
        if (r.responseFormat != null) {
            ObjectNode rf = o.putObject("response_format");
            switch (r.responseFormat.type()) {
                case TEXT -> rf.put("type", "text");
                case JSON_OBJECT -> rf.put("type", "json_object");
                case JSON_SCHEMA -> {
                    rf.put("type", "json_schema");
                    ObjectNode js = rf.putObject("json_schema");
                    ResponseFormat f = r.responseFormat;
                    js.put("name", f.name() == null ? "response" : f.name());
                    Json.putIfNotNull(js, "description", f.description());
                    Json.putIfNotNull(js, "schema", f.schema());
                    Json.putIfNotNull(js, "strict", f.strict());
                }
            }
        }
        if (!r.stop.isEmpty()) {
            ArrayNode stop = o.putArray("stop");
            r.stop.forEach(stop::add);
        }
        Json.putIfNotNull(o, "temperature", r.temperature);
        Json.putIfNotNull(o, "top_p", r.topP);
        Json.putIfNotNull(o, "max_completion_tokens", r.maxOutputTokens);
        if (r.reasoning != null && r.reasoning.enabled() != null) o.put("reasoning_effort", r.reasoning.effectiveEffort());
        Json.putIfNotNull(o, "n", r.n);
        Json.putIfNotNull(o, "seed", r.seed);
        Json.putIfNotNull(o, "presence_penalty", r.presencePenalty);
        Json.putIfNotNull(o, "frequency_penalty", r.frequencyPenalty);
        Json.putIfNotNull(o, "user", r.user);
        if (!r.metadata.isEmpty()) {
            ObjectNode md = o.putObject("metadata");
            r.metadata.forEach(md::put);
        }
        if (r.stream) {
            o.put("stream", true);
            o.putObject("stream_options").put("include_usage", true);
        }
        return o;
    }

    private static void encodeUser(Message m, ArrayNode msgs) {
        List<Part> rest = new ArrayList<>();
        for (Part p : m.parts()) {
            if (p instanceof Part.ToolResult tr) {
                ObjectNode t = msgs.addObject();
                t.put("role", "tool");
                t.put("tool_call_id", tr.toolCallId());
                // OpenAI has no error flag: prefix the content (README §4.4).
                t.put("content", tr.isError() ? "ERROR: " + tr.content() : tr.content());
            } else {
                rest.add(p);
            }
        }
        if (rest.isEmpty()) return;
        ObjectNode u = msgs.addObject();
        u.put("role", "user");
        if (rest.size() == 1 && rest.getFirst() instanceof Part.Text t) {
            u.put("content", t.text());
            return;
        }
        ArrayNode parts = u.putArray("content");
        for (Part p : rest) {
            switch (p) {
                case Part.Text t -> parts.addObject().put("type", "text").put("text", t.text());
                case Part.Image i -> {
                    ObjectNode iu = parts.addObject().put("type", "image_url").putObject("image_url");
                    iu.put("url", switch (i.source().kind()) {
                        case INLINE -> i.source().toDataUrl();
                        case URL -> i.source().url();
                        case FILE -> throw unsupported("an image file reference from " + i.source().owner());
                    });
                    Json.putIfNotNull(iu, "detail", i.detail());
                }
                case Part.Document d -> {
                    ObjectNode f = parts.addObject().put("type", "file").putObject("file");
                    MediaSource s = d.source();
                    if (s.kind() == MediaSource.Kind.INLINE) {
                        f.put("file_data", s.toDataUrl());
                        f.put("filename", d.title() != null ? d.title() : "document.pdf");
                    } else if (s.kind() == MediaSource.Kind.FILE && s.owner() == Family.OPENAI) {
                        f.put("file_id", s.url());
                    } else if (s.kind() == MediaSource.Kind.URL) {
                        throw unsupported("a document by URL that was not fetched (see mediaNeedingFetch)");
                    } else {
                        throw unsupported("a document file reference from " + s.owner());
                    }
                }
                case Part.Audio a -> {
                    if (!a.source().isInline()) throw unsupported("audio that is not inline");
                    String mime = a.source().mediaType() == null ? "audio/wav" : a.source().mediaType();
                    ObjectNode ia = parts.addObject().put("type", "input_audio").putObject("input_audio");
                    ia.put("data", a.source().data());
                    ia.put("format", mime.contains("mp") ? "mp3" : "wav");
                }
                case Part.Thinking th -> { } // no place in an OpenAI user turn
                default -> throw unsupported(p.getClass().getSimpleName() + " in a user message");
            }
        }
    }

    private static void encodeAssistant(Message m, ArrayNode msgs) {
        ObjectNode a = msgs.addObject();
        a.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = null;
        for (Part p : m.parts()) {
            if (p instanceof Part.Text t) text.append(t.text());
            else if (p instanceof Part.ToolCall tc) {
                if (calls == null) calls = Json.array();
                ObjectNode c = calls.addObject();
                c.put("id", tc.id());
                c.put("type", "function");
                ObjectNode f = c.putObject("function");
                f.put("name", tc.name());
                f.put("arguments", tc.arguments() == null || tc.arguments().isEmpty() ? "{}" : tc.arguments());
            }
        }
        if (text.isEmpty() && calls != null) a.putNull("content");
        else a.put("content", text.toString());
        if (calls != null) a.set("tool_calls", calls);
    }

    static ObjectNode encodeToolChoiceObject(String name) {
        ObjectNode o = Json.object().put("type", "function");
        o.putObject("function").put("name", name);
        return o;
    }

    private static com.fasterxml.jackson.databind.JsonNode encodeToolChoice(ToolChoice tc) {
        return switch (tc.mode()) {
            case AUTO -> Json.MAPPER.getNodeFactory().textNode("auto");
            case NONE -> Json.MAPPER.getNodeFactory().textNode("none");
            case REQUIRED -> Json.MAPPER.getNodeFactory().textNode("required");
            case FUNCTION -> encodeToolChoiceObject(tc.functionName());
        };
    }

    private static TranslationException unsupported(String what) {
        return new TranslationException("OpenAI Chat Completions cannot express " + what);
    }
}
