package dev.arouter.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts of one request, in OpenAI's convention: prompt includes cached, completion
 * includes reasoning. Filled from the usage the upstream reports; when the upstream never
 * reported it (a stream cut short), {@link #estimated} says the numbers are the gateway's own count.
 * Written by the thread relaying the response, read once the exchange is complete.
 */
public final class UsageMeter {

    private volatile long promptTokens;
    private volatile long completionTokens;
    private volatile long cachedTokens;
    private volatile long reasoningTokens;
    private volatile boolean reported;
    private volatile long streamedPieces;
    private volatile long estimatedPromptTokens;
    private volatile boolean estimatedByGateway;

    /** Takes an OpenAI-shaped {@code usage} object (chat or embeddings). */
    public void reportOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) return;
        promptTokens = usage.path("prompt_tokens").asLong(0);
        completionTokens = usage.path("completion_tokens").asLong(0);
        cachedTokens = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        reasoningTokens = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
        reported = true;
    }

    /**
     * Takes usage decoded into the translation IR (input includes cached, output includes
     * reasoning). Streams report it in parts and cumulatively (input at the start, output at the
     * end), so each count keeps the largest value seen.
     */
    public void report(dev.arouter.translate.ir.Usage usage) {
        if (usage == null) return;
        promptTokens = Math.max(reported ? promptTokens : 0, usage.inputTokens());
        completionTokens = Math.max(reported ? completionTokens : 0, usage.outputTokens());
        cachedTokens = Math.max(reported ? cachedTokens : 0, usage.cachedReadTokens());
        reasoningTokens = Math.max(reported ? reasoningTokens : 0, usage.reasoningTokens());
        reported = true;
    }

    /**
     * Records the gateway's own count of input tokens where the provider reports none (Gemini
     * embeddings); the row is marked estimated.
     */
    public void reportEstimatedPrompt(long tokens) {
        promptTokens = tokens;
        completionTokens = 0;
        reported = true;
        estimatedByGateway = true;
    }

    /** Counts one streamed piece of output (roughly one token in OpenAI-family streams). */
    public void countStreamedPiece() {
        streamedPieces++;
    }

    /** The gateway's guess of the prompt size (bytes / 4), used only if the upstream never reports usage. */
    public void estimatePromptFromBytes(long requestBytes) {
        estimatedPromptTokens = Math.max(1, requestBytes / 4);
    }

    /** The gateway's own guess of the prompt size (request bytes / 4). */
    public long estimatedPromptTokens() {
        return estimatedPromptTokens;
    }

    public boolean reported() {
        return reported;
    }

    /** True when some output was produced but its usage was never reported. */
    public boolean estimated() {
        return estimatedByGateway || (!reported && streamedPieces > 0);
    }

    public long promptTokens() {
        return reported ? promptTokens : (streamedPieces > 0 ? estimatedPromptTokens : 0);
    }

    public long completionTokens() {
        return reported ? completionTokens : streamedPieces;
    }

    public long cachedTokens() {
        return reported ? cachedTokens : 0;
    }

    public long reasoningTokens() {
        return reported ? reasoningTokens : 0;
    }
}
