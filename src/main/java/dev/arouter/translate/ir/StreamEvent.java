package dev.arouter.translate.ir;

/**
 * Family-neutral streaming events. Stream decoders turn each upstream SSE event into zero or more
 * of these; stream encoders render them in the client's framing. A well-formed stream is
 * {@code MessageStart (content deltas)* Finish? UsageUpdate* End}; a broken one ends with
 * {@link Error} instead of {@link End}.
 */
public sealed interface StreamEvent {

    /** First event of every stream. {@code usage} holds what is known up front (A/G input side), or null. */
    record MessageStart(String id, String model, Usage usage) implements StreamEvent {}

    record TextDelta(String text) implements StreamEvent {}

    record ThinkingDelta(String text) implements StreamEvent {}

    /** Signature for the thinking just streamed; only valid for {@code family}. */
    record ThinkingSignature(String signature, Family family) implements StreamEvent {}

    /**
     * A tool call begins. {@code index} counts tool calls only (0, 1, …), like OpenAI's index,
     * not Anthropic's shared block index.
     */
    record ToolCallStart(int index, String id, String name) implements StreamEvent {}

    /** A fragment of the JSON arguments of tool call {@code index}; fragments concatenate. */
    record ToolCallDelta(int index, String argumentsFragment) implements StreamEvent {}

    /** Latest cumulative usage (replaces earlier values). */
    record UsageUpdate(Usage usage) implements StreamEvent {}

    record Finish(FinishReason reason, String stopSequence) implements StreamEvent {}

    /** The upstream failed mid-stream; nothing follows. */
    record Error(ApiError error) implements StreamEvent {}

    /** The upstream ended the stream normally ([DONE], message_stop, end of a Gemini body). */
    record End() implements StreamEvent {}
}
