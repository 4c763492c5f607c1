package dev.arouter.translate.ir;

/**
 * Token usage with every token counted exactly once.
 *
 * @param inputTokens      all prompt tokens, INCLUDING cache reads and cache writes
 *                         (= O prompt_tokens = A input+cache_read+cache_creation = G promptTokenCount)
 * @param cachedReadTokens of which read from cache
 * @param cacheWriteTokens of which written to cache
 * @param outputTokens     all generated tokens, INCLUDING reasoning
 *                         (= O completion_tokens = A output_tokens = G candidates+thoughts)
 * @param reasoningTokens  of which reasoning/thinking
 */
public record Usage(long inputTokens, long cachedReadTokens, long cacheWriteTokens,
                    long outputTokens, long reasoningTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Anthropic's input_tokens: prompt tokens that were neither read from nor written to cache. */
    public long uncachedInputTokens() {
        return Math.max(0, inputTokens - cachedReadTokens - cacheWriteTokens);
    }

    public Usage withInput(long input, long cachedRead, long cacheWrite) {
        return new Usage(input, cachedRead, cacheWrite, outputTokens, reasoningTokens);
    }

    public Usage withOutput(long output, long reasoning) {
        return new Usage(inputTokens, cachedReadTokens, cacheWriteTokens, output, reasoning);
    }
}
