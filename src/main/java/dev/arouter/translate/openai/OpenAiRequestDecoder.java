package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ChatRequestDecoder;
import dev.arouter.translate.ir.ChatRequest;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.MediaSource;
import dev.arouter.translate.ir.Message;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.ReasoningConfig;
import dev.arouter.translate.ir.ResponseFormat;
import dev.arouter.translate.ir.Role;
import dev.arouter.translate.ir.ToolChoice;
import dev.arouter.translate.ir.ToolDefinition;
import dev.arouter.translate.ir.TranslationException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAI Chat Completions request → IR.
 *
 * <p>Policy for {@code system}/{@code developer} messages: all of them, wherever they appear, are
 * hoisted in order into {@link ChatRequest#system} (README §4.1 "pick one policy"). Consecutive
 * {@code tool} messages become one IR user message of {@link Part.ToolResult}s; their tool names
 * are resolved from the preceding assistant {@code tool_calls}.
 */
public final class OpenAiRequestDecoder implements ChatRequestDecoder {

    @Override
    public ChatRequest decode(JsonNode body) {
        if (body == null || !body.isObject()) throw new TranslationException("Request body must be a JSON object");
        ChatRequest r = new ChatRequest();
        r.model = Json.text(body, "model");
        Map<String, String> toolNames = new HashMap<>();
        Message pendingToolResults = null;
        for (JsonNode m : Json.each(body, "messages")) {
            String role = Json.text(m, "role");
            if (role == null) throw new TranslationException("Every message needs a role");
            switch (role) {
                case "system", "developer" -> {
                    String text = contentText(m.get("content"));
                    if (!text.isEmpty()) r.system.add(text);
                }
                case "user" -> {
                    pendingToolResults = null;
                    Message msg = new Message(Role.USER);
                    addUserContent(m.get("content"), msg);
                    r.messages.add(msg);
                }
                case "assistant" -> {
                    pendingToolResults = null;
                    r.messages.add(decodeAssistant(m, toolNames));
                }
                case "tool", "function" -> {
                    String id = Json.text(m, "tool_call_id");
                    String name = id == null ? Json.text(m, "name") : toolNames.getOrDefault(id, Json.text(m, "name"));
                    Part.ToolResult tr = new Part.ToolResult(id, name, contentText(m.get("content")), false);
                    if (pendingToolResults == null) {
                        pendingToolResults = new Message(Role.USER);
                        r.messages.add(pendingToolResults);
                    }
                    pendingToolResults.parts().add(tr);
                }
                default -> throw new TranslationException("Unknown message role: " + role);
            }
        }
        for (JsonNode t : Json.each(body, "tools")) {
            if (!"function".equals(Json.text(t, "type")) && t.get("function") == null) continue; // custom tools: no counterpart
            JsonNode f = t.get("function");
            JsonNode params = f.get("parameters");
            r.tools.add(new ToolDefinition(Json.text(f, "name"), Json.text(f, "description"),
                    params instanceof ObjectNode o ? o : null, Json.bool(f, "strict")));
        }
        r.toolChoice = decodeToolChoice(body.get("tool_choice"));
        r.parallelToolCalls = Json.bool(body, "parallel_tool_calls");
        r.responseFormat = decodeResponseFormat(body.get("response_format"));
        JsonNode stop = Json.field(body, "stop");
        if (stop != null && stop.isTextual()) r.stop.add(stop.asText());
        else for (JsonNode s : Json.each(body, "stop")) r.stop.add(s.asText());
        r.temperature = Json.dbl(body, "temperature");
        r.topP = Json.dbl(body, "top_p");
        r.topK = Json.integer(body, "top_k"); // compatible vendors (Qwen, vLLM) accept it
        r.maxOutputTokens = Json.integer(body, "max_completion_tokens", "max_tokens");
        String effort = Json.text(body, "reasoning_effort");
        if (effort != null) r.reasoning = ReasoningConfig.ofEffort(effort);
        r.n = Json.integer(body, "n");
        JsonNode seed = Json.field(body, "seed");
        r.seed = seed != null && seed.isNumber() ? seed.longValue() : null;
        r.presencePenalty = Json.dbl(body, "presence_penalty");
        r.frequencyPenalty = Json.dbl(body, "frequency_penalty");
        r.stream = Boolean.TRUE.equals(Json.bool(body, "stream"));
        r.includeUsage = r.stream ? Boolean.TRUE.equals(Json.bool(body.path("stream_options"), "include_usage")) : true;
        r.user = Json.text(body, "user", "safety_identifier");
        JsonNode md = body.get("metadata");
        if (md != null && md.isObject()) {
            for (Map.Entry<String, JsonNode> e : md.properties()) r.metadata.put(e.getKey(), e.getValue().asText());
        }
        return r;
    }

    private static Message decodeAssistant(JsonNode m, Map<String, String> toolNames) {
        Message msg = new Message(Role.ASSISTANT);
        // LiteLLM-style thinking_blocks carry Anthropic signatures; reasoning_content has none.
        boolean hadBlocks = false;
        for (JsonNode b : Json.each(m, "thinking_blocks")) {
            hadBlocks = true;
            if ("redacted_thinking".equals(Json.text(b, "type"))) {
                msg.parts().add(new Part.Thinking(null, Json.text(b, "data"), Family.ANTHROPIC, true));
            } else {
                String sig = Json.text(b, "signature");
                msg.parts().add(new Part.Thinking(Json.text(b, "thinking"), sig,
                        sig == null || sig.isEmpty() ? null : Family.ANTHROPIC, false));
            }
        }
        String reasoning = Json.text(m, "reasoning_content");
        if (!hadBlocks && reasoning != null && !reasoning.isEmpty()) msg.parts().add(new Part.Thinking(reasoning));
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            if (!content.asText().isEmpty()) msg.parts().add(new Part.Text(content.asText()));
        } else if (content != null && content.isArray()) {
            for (JsonNode p : content) {
                String t = Json.text(p, "text", "refusal");
                if (t != null && !t.isEmpty()) msg.parts().add(new Part.Text(t));
            }
        }
        for (JsonNode tc : Json.each(m, "tool_calls")) {
            JsonNode f = tc.path("function");
            String id = Json.text(tc, "id");
            String name = Json.text(f, "name");
            JsonNode args = f.get("arguments");
            String argText = args == null || args.isNull() ? "" : args.isTextual() ? args.asText() : Json.write(args);
            msg.parts().add(new Part.ToolCall(id, name, argText));
            if (id != null) toolNames.put(id, name);
        }
        return msg;
    }

    private static void addUserContent(JsonNode content, Message msg) {
        if (content == null || content.isNull()) return;
        if (content.isTextual()) {
            msg.parts().add(new Part.Text(content.asText()));
            return;
        }
        for (JsonNode p : content) {
            String type = Json.text(p, "type");
            switch (type == null ? "" : type) {
                case "text" -> msg.parts().add(new Part.Text(Json.text(p, "text")));
                case "image_url" -> {
                    JsonNode iu = p.get("image_url");
                    String url = iu != null && iu.isTextual() ? iu.asText() : Json.text(iu, "url");
                    msg.parts().add(new Part.Image(MediaSource.fromUrlOrDataUrl(url), Json.text(iu, "detail")));
                }
                case "input_audio" -> {
                    JsonNode a = p.path("input_audio");
                    String fmt = Json.text(a, "format");
                    String mime = fmt == null ? "audio/wav" : "audio/" + (fmt.equals("mp3") ? "mp3" : fmt.toLowerCase(Locale.ROOT));
                    msg.parts().add(new Part.Audio(MediaSource.inline(mime, Json.text(a, "data"))));
                }
                case "file" -> {
                    JsonNode f = p.path("file");
                    String fileData = Json.text(f, "file_data");
                    String fileId = Json.text(f, "file_id");
                    if (fileData != null) {
                        MediaSource src = MediaSource.fromUrlOrDataUrl(fileData);
                        if (src.kind() != MediaSource.Kind.INLINE) throw new TranslationException("file.file_data must be a data URL");
                        msg.parts().add(new Part.Document(src, Json.text(f, "filename")));
                    } else if (fileId != null) {
                        msg.parts().add(new Part.Document(MediaSource.file(Family.OPENAI, fileId, null), Json.text(f, "filename")));
                    }
                }
                default -> throw new TranslationException("Unsupported content part type: " + type);
            }
        }
    }

    /** Text of a system/tool message: a string, or text parts joined without separator. */
    static String contentText(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        StringBuilder sb = new StringBuilder();
        for (JsonNode p : content) {
            String t = Json.text(p, "text");
            if (t != null) sb.append(t);
        }
        return sb.toString();
    }

    static ToolChoice decodeToolChoice(JsonNode tc) {
        if (tc == null || tc.isNull()) return null;
        if (tc.isTextual()) {
            return switch (tc.asText()) {
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> ToolChoice.AUTO;
            };
        }
        String type = Json.text(tc, "type");
        if ("function".equals(type)) return ToolChoice.function(Json.text(tc.path("function"), "name"));
        if ("allowed_tools".equals(type)) {
            // Subsets have no A counterpart; keep the mode (a single allowed tool in required mode is exact).
            JsonNode at = tc.path("allowed_tools");
            boolean required = "required".equals(Json.text(at, "mode"));
            JsonNode tools = at.path("tools");
            if (required && tools.size() == 1) return ToolChoice.function(Json.text(tools.get(0).path("function"), "name"));
            return required ? ToolChoice.REQUIRED : ToolChoice.AUTO;
        }
        return ToolChoice.AUTO;
    }

    static ResponseFormat decodeResponseFormat(JsonNode rf) {
        if (rf == null || rf.isNull()) return null;
        return switch (String.valueOf(Json.text(rf, "type"))) {
            case "json_object" -> ResponseFormat.JSON_OBJECT;
            case "json_schema" -> {
                JsonNode js = rf.path("json_schema");
                JsonNode schema = js.get("schema");
                yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, Json.text(js, "name"), Json.text(js, "description"),
                        schema instanceof ObjectNode o ? o : null, Json.bool(js, "strict"));
            }
            default -> null;
        };
    }
}
