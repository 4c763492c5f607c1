package dev.arouter.translate.anthropic;

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
import java.util.Map;

/**
 * Anthropic Messages request → IR. Tool-result content given as blocks is joined to text (images
 * inside a tool result have no OpenAI/Gemini counterpart and are dropped); server tools
 * ({@code type: web_search_…}) are dropped; {@code cache_control} hints are not kept.
 */
public final class AnthropicRequestDecoder implements ChatRequestDecoder {

    @Override
    public ChatRequest decode(JsonNode body) {
        if (body == null || !body.isObject()) throw new TranslationException("Request body must be a JSON object");
        ChatRequest r = new ChatRequest();
        r.model = Json.text(body, "model");
        JsonNode system = body.get("system");
        if (system != null && system.isTextual()) {
            if (!system.asText().isEmpty()) r.system.add(system.asText());
        } else {
            for (JsonNode b : Json.each(body, "system")) {
                String t = Json.text(b, "text");
                if (t != null && !t.isEmpty()) r.system.add(t);
            }
        }
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode m : Json.each(body, "messages")) {
            String role = Json.text(m, "role");
            Message msg = new Message("assistant".equals(role) ? Role.ASSISTANT : Role.USER);
            JsonNode content = m.get("content");
            if (content != null && content.isTextual()) {
                msg.parts().add(new Part.Text(content.asText()));
            } else {
                for (JsonNode b : Json.each(m, "content")) {
                    Part p = decodeBlock(b, toolNames);
                    if (p != null) msg.parts().add(p);
                }
            }
            r.messages.add(msg);
        }
        for (JsonNode t : Json.each(body, "tools")) {
            String type = Json.text(t, "type");
            if (type != null && !type.equals("custom")) continue; // server tools only make sense A→A
            JsonNode schema = t.get("input_schema");
            r.tools.add(new ToolDefinition(Json.text(t, "name"), Json.text(t, "description"),
                    schema instanceof ObjectNode o ? o : null, Json.bool(t, "strict")));
        }
        JsonNode tc = body.get("tool_choice");
        if (tc != null && tc.isObject()) {
            r.toolChoice = switch (String.valueOf(Json.text(tc, "type"))) {
                case "any" -> ToolChoice.REQUIRED;
                case "tool" -> ToolChoice.function(Json.text(tc, "name"));
                case "none" -> ToolChoice.NONE;
                default -> ToolChoice.AUTO;
            };
            Boolean disable = Json.bool(tc, "disable_parallel_tool_use");
            if (disable != null) r.parallelToolCalls = !disable;
        }
        JsonNode thinking = body.get("thinking");
        if (thinking != null && thinking.isObject()) {
            switch (String.valueOf(Json.text(thinking, "type"))) {
                case "enabled" -> {
                    Integer budget = Json.integer(thinking, "budget_tokens");
                    r.reasoning = budget == null ? new ReasoningConfig(true, null, null, null) : ReasoningConfig.ofBudget(budget);
                }
                case "disabled" -> r.reasoning = ReasoningConfig.DISABLED;
                default -> r.reasoning = new ReasoningConfig(true, null, null, null); // adaptive
            }
        }
        JsonNode oc = body.get("output_config");
        if (oc != null && oc.isObject()) {
            JsonNode fmt = oc.get("format");
            if (fmt != null && "json_schema".equals(Json.text(fmt, "type"))) {
                JsonNode schema = fmt.get("schema");
                r.responseFormat = new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, Json.text(fmt, "name"), null,
                        schema instanceof ObjectNode o ? o : null, null);
            }
            String effort = Json.text(oc, "effort");
            if (effort != null && r.reasoning == null) r.reasoning = ReasoningConfig.ofEffort(effort);
        }
        for (JsonNode s : Json.each(body, "stop_sequences")) r.stop.add(s.asText());
        r.temperature = Json.dbl(body, "temperature");
        r.topP = Json.dbl(body, "top_p");
        r.topK = Json.integer(body, "top_k");
        r.maxOutputTokens = Json.integer(body, "max_tokens");
        r.stream = Boolean.TRUE.equals(Json.bool(body, "stream"));
        r.includeUsage = true; // Anthropic always reports usage
        r.user = Json.text(body.path("metadata"), "user_id");
        return r;
    }

    private static Part decodeBlock(JsonNode b, Map<String, String> toolNames) {
        String type = String.valueOf(Json.text(b, "type"));
        return switch (type) {
            case "text" -> new Part.Text(Json.text(b, "text"));
            case "image" -> new Part.Image(decodeSource(b.path("source")), null);
            case "document" -> {
                JsonNode src = b.path("source");
                String st = Json.text(src, "type");
                if ("text".equals(st)) yield new Part.Text(Json.text(src, "data"));
                if ("content".equals(st)) {
                    StringBuilder sb = new StringBuilder();
                    for (JsonNode c : Json.each(src, "content")) if (Json.text(c, "text") != null) sb.append(Json.text(c, "text"));
                    yield new Part.Text(sb.toString());
                }
                yield new Part.Document(decodeSource(src), Json.text(b, "title"));
            }
            case "tool_use", "server_tool_use" -> {
                String id = Json.text(b, "id");
                String name = Json.text(b, "name");
                toolNames.put(id, name);
                JsonNode input = b.get("input");
                yield new Part.ToolCall(id, name, input == null ? "{}" : Json.write(input));
            }
            case "tool_result" -> {
                String id = Json.text(b, "tool_use_id");
                JsonNode c = b.get("content");
                String text;
                if (c == null || c.isNull()) text = "";
                else if (c.isTextual()) text = c.asText();
                else {
                    StringBuilder sb = new StringBuilder();
                    for (JsonNode cb : c) if ("text".equals(Json.text(cb, "type"))) sb.append(Json.text(cb, "text"));
                    text = sb.toString();
                }
                yield new Part.ToolResult(id, toolNames.get(id), text, Boolean.TRUE.equals(Json.bool(b, "is_error")));
            }
            case "thinking" -> {
                String sig = Json.text(b, "signature");
                yield new Part.Thinking(Json.text(b, "thinking"), sig, sig == null || sig.isEmpty() ? null : Family.ANTHROPIC, false);
            }
            case "redacted_thinking" -> new Part.Thinking(null, Json.text(b, "data"), Family.ANTHROPIC, true);
            default -> null; // search_result, server tool results, unknown blocks: no counterpart
        };
    }

    private static MediaSource decodeSource(JsonNode src) {
        return switch (String.valueOf(Json.text(src, "type"))) {
            case "base64" -> MediaSource.inline(Json.text(src, "media_type"), Json.text(src, "data"));
            case "url" -> MediaSource.url(Json.text(src, "url"), null);
            case "file" -> MediaSource.file(Family.ANTHROPIC, Json.text(src, "file_id"), null);
            default -> throw new TranslationException("Unsupported content source type: " + Json.text(src, "type"));
        };
    }
}
