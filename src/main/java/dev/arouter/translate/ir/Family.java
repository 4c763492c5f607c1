package dev.arouter.translate.ir;

/** The three API families the gateway speaks on either side. */
public enum Family {
    OPENAI, ANTHROPIC, GEMINI
}
