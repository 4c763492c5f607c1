package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ChatResponseDecoder;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;

/** OpenAI chat.completion → IR. Only {@code choices[0]} is read (n &gt; 1 has no counterpart elsewhere). */
public final class OpenAiResponseDecoder implements ChatResponseDecoder {

    @Override
    public ChatResponse decode(JsonNode body) {
        ChatResponse r = new ChatResponse();
        r.id = Json.text(body, "id");
        r.model = Json.text(body, "model");
        JsonNode created = body.get("created");
        r.created = created != null && created.isNumber() ? created.longValue() : null;
        JsonNode choice = body.path("choices").path(0);
        JsonNode msg = choice.path("message");
        String reasoning = Json.text(msg, "reasoning_content");
        if (reasoning != null && !reasoning.isEmpty()) r.content.add(new Part.Thinking(reasoning));
        String content = Json.text(msg, "content");
        if (content != null && !content.isEmpty()) r.content.add(new Part.Text(content));
        for (JsonNode tc : Json.each(msg, "tool_calls")) {
            JsonNode f = tc.path("function");
            r.content.add(new Part.ToolCall(Json.text(tc, "id"), Json.text(f, "name"),
                    f.path("arguments").isTextual() ? f.path("arguments").asText() : Json.write(f.path("arguments"))));
        }
        r.refusal = Json.text(msg, "refusal");
        r.finishReason = OpenAiMappings.finishReasonFromOpenAi(Json.text(choice, "finish_reason"));
        r.usage = OpenAiMappings.usageFromOpenAi(body.get("usage"));
        return r;
    }
}
