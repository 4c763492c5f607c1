package dev.arouter.translate.ir;

/**
 * Why generation stopped. Each family maps its own values in and out; unknown upstream values
 * map to {@link #STOP} (README: never fail on unknown enum values).
 */
public enum FinishReason {
    /** natural end (O stop, A end_turn, G STOP) */
    STOP,
    /** a stop sequence matched (A stop_sequence; O and G report plain stop) */
    STOP_SEQUENCE,
    /** output-token limit or context window (O length, A max_tokens, G MAX_TOKENS) */
    LENGTH,
    /** the model called tools (O tool_calls, A tool_use, G STOP with functionCall parts) */
    TOOL_CALLS,
    /** safety/refusal (O content_filter, A refusal, G SAFETY and friends) */
    CONTENT_FILTER,
    /** Anthropic pause_turn (server-tool continuation); stop elsewhere */
    PAUSE_TURN
}
