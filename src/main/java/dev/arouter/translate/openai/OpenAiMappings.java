package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Usage;

/** OpenAI finish_reason and usage mapping, both ways. */
public final class OpenAiMappings {
    private OpenAiMappings() {}

    public static FinishReason finishReasonFromOpenAi(String s) {
        if (s == null) return FinishReason.STOP;
        return switch (s) {
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // "stop" and unknown values (e.g. insufficient_system_resource)
        };
    }

    public static String finishReasonToOpenAi(FinishReason r) {
        return switch (r) {
            case STOP, STOP_SEQUENCE, PAUSE_TURN -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    /** prompt_tokens already includes cached tokens; completion_tokens includes reasoning tokens. */
    public static Usage usageFromOpenAi(JsonNode u) {
        if (u == null || !u.isObject()) return null;
        JsonNode pd = u.path("prompt_tokens_details");
        JsonNode cd = u.path("completion_tokens_details");
        long cached = Json.lng(pd, "cached_tokens");
        if (cached == 0) cached = Json.lng(u, "prompt_cache_hit_tokens"); // DeepSeek
        return new Usage(Json.lng(u, "prompt_tokens"), cached, Json.lng(pd, "cache_write_tokens"),
                Json.lng(u, "completion_tokens"), Json.lng(cd, "reasoning_tokens"));
    }

    public static ObjectNode usageToOpenAi(Usage u) {
        ObjectNode o = Json.object();
        o.put("prompt_tokens", u.inputTokens());
        o.put("completion_tokens", u.outputTokens());
        o.put("total_tokens", u.totalTokens());
        ObjectNode pd = o.putObject("prompt_tokens_details");
        pd.put("cached_tokens", u.cachedReadTokens());
        if (u.cacheWriteTokens() > 0) pd.put("cache_write_tokens", u.cacheWriteTokens());
        o.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        return o;
    }
}
