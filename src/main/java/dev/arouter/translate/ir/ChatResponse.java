package dev.arouter.translate.ir;

import java.util.ArrayList;
import java.util.List;

/** A complete (non-streamed) assistant answer. */
public final class ChatResponse {
    public String id;
    public String model;
    /** Unix seconds (OpenAI {@code created}); null when the upstream does not say. */
    public Long created;
    /** Text, Thinking and ToolCall parts in answer order. */
    public final List<Part> content = new ArrayList<>();
    /** OpenAI message.refusal text, if any. */
    public String refusal;
    public FinishReason finishReason = FinishReason.STOP;
    /** The matched stop sequence when {@link #finishReason} is STOP_SEQUENCE. */
    public String stopSequence;
    public Usage usage;

    public List<Part.ToolCall> toolCalls() {
        return content.stream().filter(p -> p instanceof Part.ToolCall).map(p -> (Part.ToolCall) p).toList();
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Part p : content) if (p instanceof Part.Text t) sb.append(t.text());
        return sb.toString();
    }
}
