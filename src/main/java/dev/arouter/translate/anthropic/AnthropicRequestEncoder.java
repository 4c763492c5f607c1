package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ChatRequestEncoder;
import dev.arouter.translate.ir.ChatRequest;
import dev.arouter.translate.ir.Conversation;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.MediaSource;
import dev.arouter.translate.ir.Message;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.ResponseFormat;
import dev.arouter.translate.ir.Role;
import dev.arouter.translate.ir.ToolDefinition;
import dev.arouter.translate.ir.TranslationException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * IR → Anthropic Messages request.
 *
 * <ul>
 *   <li>{@code max_tokens} is required: the request's value, else the default given to the
 *       constructor (e.g. from the model catalog); raised above the thinking budget when needed.</li>
 *   <li>temperature is clamped to 0–1; whitespace-only stop sequences are dropped.</li>
 *   <li>consecutive same-role turns are merged, tool results lead their user turn, unanswered
 *       tool calls get an error result (see {@link Conversation}).</li>
 *   <li>thinking blocks are sent back only when they carry an Anthropic signature. If thinking
 *       is requested but the last assistant tool-use turn has no signed thinking block (history
 *       from an OpenAI/Gemini client), thinking is left off, since Anthropic would reject it.</li>
 *   <li>with thinking on, temperature/top_k (and top_p &lt; 0.95) are dropped (Anthropic rejects them).</li>
 *   <li>JSON mode has no switch: an instruction is appended to the system prompt; JSON schema
 *       uses native {@code output_config.format}.</li>
 *   <li>audio, n &gt; 1 and other families' file handles cannot be expressed: 400.</li>
 * </ul>
 */
public final class AnthropicRequestEncoder implements ChatRequestEncoder {
    static final String JSON_MODE_INSTRUCTION = "Respond with a single valid JSON object and nothing else.";
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private final int defaultMaxTokens;

    public AnthropicRequestEncoder(int defaultMaxTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
    }

    @Override
    public ObjectNode encode(ChatRequest r) {
        if (r.n != null && r.n > 1) throw new TranslationException("Anthropic Messages cannot return n > 1 choices");
        ObjectNode o = Json.object();
        Json.putIfNotNull(o, "model", r.model);
        int maxTokens = r.maxOutputTokens != null ? r.maxOutputTokens : defaultMaxTokens;

        List<Message> msgs = Conversation.normalizeForStrictFamilies(r.messages);
        Integer thinkingBudget = null;
        boolean thinkingOff = r.reasoning != null && r.reasoning.isDisabled();
        if (r.reasoning != null && Boolean.TRUE.equals(r.reasoning.enabled()) && lastToolTurnHasSignedThinking(msgs)) {
            Integer b = r.reasoning.effectiveBudget();
            thinkingBudget = Math.max(1024, b == null ? 2048 : b);
            if (maxTokens <= thinkingBudget) maxTokens = thinkingBudget + maxTokens;
        }
        o.put("max_tokens", maxTokens);

        String system = String.join("\n\n", r.system);
        if (r.responseFormat != null && r.responseFormat.type() == ResponseFormat.Type.JSON_OBJECT) {
            system = system.isEmpty() ? JSON_MODE_INSTRUCTION : system + "\n\n" + JSON_MODE_INSTRUCTION;
        }
        if (r.system.size() > 1 && system.equals(String.join("\n\n", r.system))) {
            ArrayNode blocks = o.putArray("system");
            for (String s : r.system) blocks.addObject().put("type", "text").put("text", s);
        } else if (!system.isEmpty()) {
            o.put("system", system);
        }

        ArrayNode out = o.putArray("messages");
        for (Message m : msgs) {
            ArrayNode content = Json.array();
            for (Part p : m.parts()) encodePart(p, content);
            if (content.isEmpty()) continue; // Anthropic rejects empty turns
            ObjectNode mo = out.addObject();
            mo.put("role", m.role() == Role.ASSISTANT ? "assistant" : "user");
            mo.set("content", content);
        }

        if (!r.tools.isEmpty()) {
            ArrayNode tools = o.putArray("tools");
            for (ToolDefinition t : r.tools) {
                ObjectNode to = tools.addObject();
                to.put("name", t.name());
                Json.putIfNotNull(to, "description", t.description());
                ObjectNode schema = t.parameters() != null ? t.parameters().deepCopy() : Json.object();
                if (!schema.has("type")) schema.put("type", "object");
                if (!schema.has("properties")) schema.putObject("properties");
                to.set("input_schema", schema);
            }
        }
        if (r.toolChoice != null || (Boolean.FALSE.equals(r.parallelToolCalls) && !r.tools.isEmpty())) {
            ObjectNode tc = o.putObject("tool_choice");
            var mode = r.toolChoice == null ? dev.arouter.translate.ir.ToolChoice.Mode.AUTO : r.toolChoice.mode();
            switch (mode) {
                case AUTO -> tc.put("type", "auto");
                case REQUIRED -> tc.put("type", "any");
                case NONE -> tc.put("type", "none");
                case FUNCTION -> tc.put("type", "tool").put("name", r.toolChoice.functionName());
            }
            if (mode != dev.arouter.translate.ir.ToolChoice.Mode.NONE && r.parallelToolCalls != null) {
                tc.put("disable_parallel_tool_use", !r.parallelToolCalls);
            }
        }
        if (r.responseFormat != null && r.responseFormat.type() == ResponseFormat.Type.JSON_SCHEMA && r.responseFormat.schema() != null) {
            ObjectNode fmt = o.putObject("output_config").putObject("format");
            fmt.put("type", "json_schema");
            fmt.set("schema", r.responseFormat.schema());
        }
        if (thinkingBudget != null) {
            o.putObject("thinking").put("type", "enabled").put("budget_tokens", thinkingBudget);
        } else if (thinkingOff) {
            o.putObject("thinking").put("type", "disabled");
        }
        List<String> stops = r.stop.stream().filter(s -> !s.isBlank()).toList();
        if (!stops.isEmpty()) {
            ArrayNode s = o.putArray("stop_sequences");
            stops.forEach(s::add);
        }
        if (thinkingBudget == null) {
            if (r.temperature != null) o.put("temperature", Math.max(0.0, Math.min(1.0, r.temperature)));
            Json.putIfNotNull(o, "top_p", r.topP);
            Json.putIfNotNull(o, "top_k", r.topK);
        } else if (r.topP != null && r.topP >= 0.95) {
            o.put("top_p", r.topP);
        }
        if (r.user != null) o.putObject("metadata").put("user_id", r.user);
        if (r.stream) o.put("stream", true);
        return o;
    }

    private static boolean lastToolTurnHasSignedThinking(List<Message> msgs) {
        for (int i = msgs.size() - 1; i >= 0; i--) {
            Message m = msgs.get(i);
            if (m.role() != Role.ASSISTANT) continue;
            boolean hasCall = m.parts().stream().anyMatch(p -> p instanceof Part.ToolCall);
            if (!hasCall) return true;
            return m.parts().stream().anyMatch(p -> p instanceof Part.Thinking t && t.signatureFamily() == Family.ANTHROPIC);
        }
        return true;
    }

    private static void encodePart(Part p, ArrayNode content) {
        switch (p) {
            case Part.Text t -> {
                if (t.text() != null && !t.text().isEmpty()) content.addObject().put("type", "text").put("text", t.text());
            }
            case Part.Image i -> {
                ObjectNode b = content.addObject().put("type", "image");
                MediaSource s = i.source();
                if (s.isInline() && (s.mediaType() == null || !IMAGE_TYPES.contains(s.mediaType()))) {
                    throw new TranslationException("Anthropic accepts jpeg/png/gif/webp images only, got " + s.mediaType());
                }
                b.set("source", source(s));
            }
            case Part.Document d -> {
                ObjectNode b = content.addObject().put("type", "document");
                MediaSource s = d.source();
                if (s.isInline() && "text/plain".equals(s.mediaType())) {
                    String text = new String(Base64.getMimeDecoder().decode(s.data()), StandardCharsets.UTF_8);
                    b.putObject("source").put("type", "text").put("media_type", "text/plain").put("data", text);
                } else {
                    ObjectNode src = source(s);
                    if (s.isInline()) src.put("media_type", s.mediaType() == null ? "application/pdf" : s.mediaType());
                    b.set("source", src);
                }
                Json.putIfNotNull(b, "title", d.title());
            }
            case Part.Audio a -> throw new TranslationException("Anthropic Messages cannot take audio input");
            case Part.ToolCall tc -> {
                ObjectNode b = content.addObject().put("type", "tool_use");
                b.put("id", toolId(tc.id()));
                b.put("name", tc.name());
                b.set("input", Json.argumentsObject(tc.arguments()));
            }
            case Part.ToolResult tr -> {
                ObjectNode b = content.addObject().put("type", "tool_result");
                b.put("tool_use_id", toolId(tr.toolCallId()));
                b.put("content", tr.content() == null ? "" : tr.content());
                if (tr.isError()) b.put("is_error", true);
            }
            case Part.Thinking th -> {
                if (th.signatureFamily() != Family.ANTHROPIC) return; // unsigned/foreign thinking cannot be replayed
                if (th.redacted()) content.addObject().put("type", "redacted_thinking").put("data", th.signature());
                else content.addObject().put("type", "thinking").put("thinking", th.text() == null ? "" : th.text())
                        .put("signature", th.signature());
            }
        }
    }

    private static ObjectNode source(MediaSource s) {
        ObjectNode src = Json.object();
        switch (s.kind()) {
            case INLINE -> src.put("type", "base64").put("media_type", s.mediaType()).put("data", s.data());
            case URL -> src.put("type", "url").put("url", s.url());
            case FILE -> {
                if (s.owner() != Family.ANTHROPIC) {
                    throw new TranslationException("A file reference issued by " + s.owner() + " cannot be sent to Anthropic");
                }
                src.put("type", "file").put("file_id", s.url());
            }
        }
        return src;
    }

    /**
     * Anthropic ids must match ^[a-zA-Z0-9_-]+$; other characters are replaced consistently, one
     * {@code _} per code point (as {@code replaceAll("[^a-zA-Z0-9_-]", "_")} does). A valid id is
     * returned as it is.
     */
    static String toolId(String id) {
        if (id == null || id.isEmpty()) return "toolu_missing";
        int i = 0;
        while (i < id.length() && isToolIdChar(id.charAt(i))) i++;
        if (i == id.length()) return id;
        StringBuilder sb = new StringBuilder(id.length()).append(id, 0, i);
        while (i < id.length()) {
            int cp = id.codePointAt(i);
            sb.append(cp < 0x80 && isToolIdChar((char) cp) ? (char) cp : '_');
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static boolean isToolIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
