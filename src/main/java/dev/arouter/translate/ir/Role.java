package dev.arouter.translate.ir;

/**
 * Conversation roles in the IR. System/developer text is hoisted into {@link ChatRequest#system};
 * tool results travel as {@link Part.ToolResult} parts inside a {@link #USER} message (the
 * Anthropic/Gemini placement), which the OpenAI encoder splits back into {@code tool} messages.
 */
public enum Role {
    USER, ASSISTANT
}
