package dev.arouter.translate.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A chat request in family-neutral form. Null scalar fields mean "not specified by the client"
 * and are left out when encoding. Mutable on purpose: decoders fill it, the gateway may adjust
 * it (model, media resolution) before an encoder renders it.
 */
public final class ChatRequest {
    public String model;
    /** System/developer instructions in order (OpenAI system messages are hoisted, see README). */
    public final List<String> system = new ArrayList<>();
    public final List<Message> messages = new ArrayList<>();
    public final List<ToolDefinition> tools = new ArrayList<>();
    public ToolChoice toolChoice;
    /** OpenAI parallel_tool_calls == !Anthropic disable_parallel_tool_use; null = default. */
    public Boolean parallelToolCalls;
    public ResponseFormat responseFormat;
    public final List<String> stop = new ArrayList<>();
    public Double temperature;
    public Double topP;
    public Integer topK;
    public Integer maxOutputTokens;
    public ReasoningConfig reasoning;
    public Integer n;
    public Long seed;
    public Double presencePenalty;
    public Double frequencyPenalty;
    public boolean stream;
    /** Whether the client wants usage reported (OpenAI include_usage; always true for A and G). */
    public boolean includeUsage;
    /** End-user identifier (OpenAI user/safety_identifier, Anthropic metadata.user_id). */
    public String user;
    /** OpenAI-style string metadata. */
    public final Map<String, String> metadata = new LinkedHashMap<>();

    /** Applies {@code f} to every part of every message, replacing parts in place. */
    public void replaceParts(UnaryOperator<Part> f) {
        for (Message m : messages) {
            m.parts().replaceAll(f);
        }
    }

    /**
     * Replaces every image/document/audio whose source is {@code from} by {@code to}; used after
     * the caller fetched a URL an encoder reported in {@code mediaNeedingFetch}.
     */
    public void replaceMedia(MediaSource from, MediaSource to) {
        replaceParts(p -> switch (p) {
            case Part.Image i when i.source().equals(from) -> new Part.Image(to, i.detail());
            case Part.Document d when d.source().equals(from) -> new Part.Document(to, d.title());
            case Part.Audio a when a.source().equals(from) -> new Part.Audio(to);
            default -> p;
        });
    }
}
