package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Usage;

import java.util.Locale;
import java.util.Map;

/** Gemini finishReason, usageMetadata and schema mapping, both ways. */
public final class GeminiMappings {
    private GeminiMappings() {}

    /** Gemini ends a function call with STOP: {@code sawFunctionCall} turns that into TOOL_CALLS. */
    public static FinishReason finishReasonFromGemini(String s, boolean sawFunctionCall) {
        FinishReason r = s == null ? FinishReason.STOP : switch (s) {
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "LANGUAGE",
                 "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // STOP, OTHER, MALFORMED_FUNCTION_CALL, unknown, …
        };
        return r == FinishReason.STOP && sawFunctionCall ? FinishReason.TOOL_CALLS : r;
    }

    public static String finishReasonToGemini(FinishReason r) {
        return switch (r) {
            case STOP, STOP_SEQUENCE, TOOL_CALLS, PAUSE_TURN -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
        };
    }

    /**
     * promptTokenCount includes cached tokens; candidatesTokenCount EXCLUDES thoughtsTokenCount,
     * so IR output = candidates + thoughts. Tool-use prompt tokens count as input.
     */
    public static Usage usageFromGemini(JsonNode u) {
        if (u == null || !u.isObject()) return null;
        long thoughts = Json.lng(u, "thoughtsTokenCount");
        return new Usage(Json.lng(u, "promptTokenCount") + Json.lng(u, "toolUsePromptTokenCount"),
                Json.lng(u, "cachedContentTokenCount"), 0,
                Json.lng(u, "candidatesTokenCount") + thoughts, thoughts);
    }

    public static ObjectNode usageToGemini(Usage u) {
        ObjectNode o = Json.object();
        o.put("promptTokenCount", u.inputTokens());
        o.put("candidatesTokenCount", Math.max(0, u.outputTokens() - u.reasoningTokens()));
        o.put("totalTokenCount", u.totalTokens());
        if (u.cachedReadTokens() > 0) o.put("cachedContentTokenCount", u.cachedReadTokens());
        if (u.reasoningTokens() > 0) o.put("thoughtsTokenCount", u.reasoningTokens());
        return o;
    }

    /**
     * Gemini's OpenAPI-subset Schema → plain JSON Schema: upper-case type names lowered,
     * {@code nullable: true} turned into a {@code ["t","null"]} type, {@code propertyOrdering} dropped.
     */
    public static JsonNode openApiToJsonSchema(JsonNode n) {
        if (n == null) return null;
        if (n.isArray()) {
            ArrayNode a = Json.array();
            for (JsonNode c : n) a.add(openApiToJsonSchema(c));
            return a;
        }
        if (!n.isObject()) return n;
        ObjectNode out = Json.object();
        boolean nullable = Boolean.TRUE.equals(Json.bool(n, "nullable"));
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            switch (k) {
                case "nullable", "propertyOrdering" -> { }
                case "type" -> {
                    String t = v.asText().toLowerCase(Locale.ROOT);
                    if (nullable && !t.equals("null")) out.putArray("type").add(t).add("null");
                    else out.put("type", t);
                }
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    for (Map.Entry<String, JsonNode> p : v.properties()) props.set(p.getKey(), openApiToJsonSchema(p.getValue()));
                }
                case "items", "anyOf" -> out.set(k, openApiToJsonSchema(v));
                default -> out.set(k, v);
            }
        }
        return out;
    }
}
