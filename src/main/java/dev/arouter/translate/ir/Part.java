package dev.arouter.translate.ir;

/** One piece of message content. Every family's content blocks/parts decode into these. */
public sealed interface Part {

    /**
     * Plain text. {@code thoughtSignature} is Gemini's opaque signature when it was attached to a
     * text part (it must be echoed back on the same part); null otherwise.
     */
    record Text(String text, String thoughtSignature) implements Part {
        public Text(String text) { this(text, null); }
    }

    /** An image; {@code detail} is OpenAI's low/high/auto hint (dropped elsewhere). */
    record Image(MediaSource source, String detail) implements Part {}

    /** A document, normally a PDF; {@code title} is Anthropic's title or OpenAI's filename. */
    record Document(MediaSource source, String title) implements Part {}

    /** Audio input (OpenAI {@code input_audio}, Gemini {@code inlineData audio/*}); Anthropic has none. */
    record Audio(MediaSource source) implements Part {}

    /**
     * A tool call made by the assistant.
     *
     * @param id               the call id (synthesized for Gemini, which has none)
     * @param arguments        the arguments as JSON text (OpenAI's string form; may be invalid JSON)
     * @param thoughtSignature Gemini thoughtSignature attached to this functionCall part, or null
     */
    record ToolCall(String id, String name, String arguments, String thoughtSignature) implements Part {
        public ToolCall(String id, String name, String arguments) { this(id, name, arguments, null); }
    }

    /**
     * The result of a tool call, sent by the client.
     *
     * @param toolCallId the id of the call it answers
     * @param name       the tool name (needed by Gemini); resolved from the history when decoding
     * @param content    the result as text (JSON text when the result is structured)
     * @param isError    Anthropic {@code is_error} / Gemini {@code {"error": …}}
     */
    record ToolResult(String toolCallId, String name, String content, boolean isError) implements Part {}

    /**
     * Model reasoning. {@code signature} is opaque and only valid for {@code signatureFamily}
     * (Anthropic {@code thinking.signature}, Gemini {@code thoughtSignature}); {@code redacted}
     * marks Anthropic {@code redacted_thinking}, whose opaque payload is in {@code signature}.
     */
    record Thinking(String text, String signature, Family signatureFamily, boolean redacted) implements Part {
        public Thinking(String text) { this(text, null, null, false); }
    }
}
