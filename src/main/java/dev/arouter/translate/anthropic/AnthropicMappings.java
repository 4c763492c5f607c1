package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Usage;

/** Anthropic stop_reason and usage mapping, both ways. */
public final class AnthropicMappings {
    private AnthropicMappings() {}

    public static FinishReason stopReasonFromAnthropic(String s) {
        if (s == null) return FinishReason.STOP;
        return switch (s) {
            case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            case "pause_turn" -> FinishReason.PAUSE_TURN;
            default -> FinishReason.STOP; // end_turn and unknown values
        };
    }

    public static String stopReasonToAnthropic(FinishReason r) {
        return switch (r) {
            case STOP -> "end_turn";
            case STOP_SEQUENCE -> "stop_sequence";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            case PAUSE_TURN -> "pause_turn";
        };
    }

    /**
     * Anthropic input_tokens EXCLUDES cache reads and writes, so the IR input is the sum of the
     * three. output_tokens already includes thinking.
     */
    public static Usage usageFromAnthropic(JsonNode u) {
        if (u == null || !u.isObject()) return null;
        long read = Json.lng(u, "cache_read_input_tokens");
        long write = Json.lng(u, "cache_creation_input_tokens");
        return new Usage(Json.lng(u, "input_tokens") + read + write, read, write,
                Json.lng(u, "output_tokens"), Json.lng(u.path("output_tokens_details"), "thinking_tokens"));
    }

    public static ObjectNode usageToAnthropic(Usage u) {
        ObjectNode o = Json.object();
        o.put("input_tokens", u.uncachedInputTokens());
        o.put("cache_creation_input_tokens", u.cacheWriteTokens());
        o.put("cache_read_input_tokens", u.cachedReadTokens());
        o.put("output_tokens", u.outputTokens());
        return o;
    }
}
