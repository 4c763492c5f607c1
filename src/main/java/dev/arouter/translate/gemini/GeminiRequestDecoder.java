package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ChatRequestDecoder;
import dev.arouter.translate.ir.ChatRequest;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.MediaSource;
import dev.arouter.translate.ir.Message;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.ReasoningConfig;
import dev.arouter.translate.ir.ResponseFormat;
import dev.arouter.translate.ir.Role;
import dev.arouter.translate.ir.ToolChoice;
import dev.arouter.translate.ir.ToolDefinition;
import dev.arouter.translate.ir.TranslationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * Gemini GenerateContentRequest → IR. Accepts lowerCamelCase and snake_case keys. The model and
 * the stream flag are not in the body (they are in the URL): use {@link #decode(JsonNode, String, boolean)}.
 *
 * <p>Function calls get synthesized ids ({@code call_h<turn>_<n>}); each {@code functionResponse}
 * is matched to the first unanswered call of the same name in the preceding model turn (its own
 * {@code id} wins when present). A response object {@code {"output": x}} becomes the text of x,
 * {@code {"error": x}} an error result, anything else its JSON text.
 */
public final class GeminiRequestDecoder implements ChatRequestDecoder {

    @Override
    public ChatRequest decode(JsonNode body) {
        return decode(body, null, false);
    }

    public ChatRequest decode(JsonNode body, String model, boolean stream) {
        if (body == null || !body.isObject()) throw new TranslationException("Request body must be a JSON object");
        ChatRequest r = new ChatRequest();
        r.model = model != null ? model : stripModelsPrefix(Json.text(body, "model"));
        r.stream = stream;
        r.includeUsage = true;
        JsonNode si = Json.field(body, "systemInstruction", "system_instruction");
        for (JsonNode p : Json.each(si, "parts")) {
            String t = Json.text(p, "text");
            if (t != null && !t.isEmpty()) r.system.add(t);
        }
        List<String[]> openCalls = new ArrayList<>(); // {id, name} of the last model turn, unanswered
        int turn = 0;
        for (JsonNode c : Json.each(body, "contents")) {
            boolean model_ = "model".equals(Json.text(c, "role"));
            Message msg = new Message(model_ ? Role.ASSISTANT : Role.USER);
            if (model_) openCalls.clear();
            int n = 0;
            for (JsonNode p : Json.each(c, "parts")) {
                String sig = Json.text(p, "thoughtSignature", "thought_signature");
                JsonNode fc = Json.field(p, "functionCall", "function_call");
                JsonNode fr = Json.field(p, "functionResponse", "function_response");
                JsonNode inline = Json.field(p, "inlineData", "inline_data");
                JsonNode file = Json.field(p, "fileData", "file_data");
                if (fc != null) {
                    String name = Json.text(fc, "name");
                    String id = Json.text(fc, "id");
                    if (id == null) id = GeminiToolIds.PREFIX + "h" + turn + "_" + n;
                    n++;
                    JsonNode args = fc.get("args");
                    msg.parts().add(new Part.ToolCall(id, name, args == null ? "{}" : Json.write(args), sig));
                    openCalls.add(new String[]{id, name});
                } else if (fr != null) {
                    String name = Json.text(fr, "name");
                    String id = Json.text(fr, "id");
                    if (id == null) id = matchCall(openCalls, name, turn);
                    msg.parts().add(toolResult(id, name, fr.get("response")));
                } else if (inline != null) {
                    String mime = Json.text(inline, "mimeType", "mime_type");
                    msg.parts().add(media(MediaSource.inline(mime, Json.text(inline, "data"))));
                } else if (file != null) {
                    String mime = Json.text(file, "mimeType", "mime_type");
                    String uri = Json.text(file, "fileUri", "file_uri");
                    boolean googleFile = uri != null && (uri.startsWith("gs://") || uri.contains("generativelanguage.googleapis.com/"));
                    msg.parts().add(media(googleFile ? MediaSource.file(Family.GEMINI, uri, mime) : MediaSource.url(uri, mime)));
                } else if (p.has("text")) {
                    String text = Json.text(p, "text");
                    if (Boolean.TRUE.equals(Json.bool(p, "thought"))) {
                        msg.parts().add(new Part.Thinking(text, sig, sig == null ? null : Family.GEMINI, false));
                    } else {
                        msg.parts().add(new Part.Text(text, sig));
                    }
                }
                // executableCode, codeExecutionResult, videoMetadata-only parts: no counterpart
            }
            r.messages.add(msg);
            turn++;
        }
        for (JsonNode t : Json.each(body, "tools")) {
            for (JsonNode fd : Json.each(t, "functionDeclarations", "function_declarations")) {
                JsonNode js = Json.field(fd, "parametersJsonSchema", "parameters_json_schema");
                JsonNode params = js != null ? js : GeminiMappings.openApiToJsonSchema(Json.field(fd, "parameters"));
                r.tools.add(new ToolDefinition(Json.text(fd, "name"), Json.text(fd, "description"),
                        params instanceof ObjectNode o ? o : null, null));
            }
            // googleSearch, codeExecution, urlContext: Gemini-only server tools, dropped
        }
        JsonNode fcc = Json.field(Json.field(body, "toolConfig", "tool_config"), "functionCallingConfig", "function_calling_config");
        if (fcc != null) {
            String mode = String.valueOf(Json.text(fcc, "mode")).toUpperCase(Locale.ROOT);
            JsonNode allowed = Json.field(fcc, "allowedFunctionNames", "allowed_function_names");
            r.toolChoice = switch (mode) {
                case "ANY" -> allowed != null && allowed.size() == 1 ? ToolChoice.function(allowed.get(0).asText()) : ToolChoice.REQUIRED;
                case "NONE" -> ToolChoice.NONE;
                default -> ToolChoice.AUTO;
            };
        }
        JsonNode gc = Json.field(body, "generationConfig", "generation_config");
        if (gc != null) {
            r.temperature = Json.dbl(gc, "temperature");
            r.topP = Json.dbl(gc, "topP", "top_p");
            r.topK = Json.integer(gc, "topK", "top_k");
            r.maxOutputTokens = Json.integer(gc, "maxOutputTokens", "max_output_tokens");
            for (JsonNode s : Json.each(gc, "stopSequences", "stop_sequences")) r.stop.add(s.asText());
            r.n = Json.integer(gc, "candidateCount", "candidate_count");
            JsonNode seed = Json.field(gc, "seed");
            r.seed = seed != null && seed.isNumber() ? seed.longValue() : null;
            r.presencePenalty = Json.dbl(gc, "presencePenalty", "presence_penalty");
            r.frequencyPenalty = Json.dbl(gc, "frequencyPenalty", "frequency_penalty");
            String mime = Json.text(gc, "responseMimeType", "response_mime_type");
            JsonNode jsonSchema = Json.field(gc, "responseJsonSchema", "response_json_schema");
            JsonNode schema = jsonSchema != null ? jsonSchema : GeminiMappings.openApiToJsonSchema(Json.field(gc, "responseSchema", "response_schema"));
            if (schema instanceof ObjectNode so) {
                r.responseFormat = new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "response", null, so, null);
            } else if ("application/json".equals(mime)) {
                r.responseFormat = ResponseFormat.JSON_OBJECT;
            }
            JsonNode tc = Json.field(gc, "thinkingConfig", "thinking_config");
            if (tc != null) {
                Integer budget = Json.integer(tc, "thinkingBudget", "thinking_budget");
                String level = Json.text(tc, "thinkingLevel", "thinking_level");
                Boolean include = Json.bool(tc, "includeThoughts", "include_thoughts");
                ReasoningConfig rc;
                if (budget != null) rc = ReasoningConfig.ofBudget(budget);
                else if (level != null) rc = ReasoningConfig.ofEffort(level);
                else rc = new ReasoningConfig(null, null, null, null);
                r.reasoning = new ReasoningConfig(rc.enabled(), rc.effort(), rc.budgetTokens(), include);
            }
        }
        return r;
    }

    private static String matchCall(List<String[]> openCalls, String name, int turn) {
        for (int i = 0; i < openCalls.size(); i++) {
            if (openCalls.get(i)[1].equals(name)) return openCalls.remove(i)[0];
        }
        throw new TranslationException("functionResponse '" + name + "' in turn " + turn + " answers no functionCall of the preceding model turn");
    }

    private static Part toolResult(String id, String name, JsonNode response) {
        if (response != null && response.isObject() && response.size() == 1) {
            JsonNode output = response.get("output");
            if (output != null) return new Part.ToolResult(id, name, output.isTextual() ? output.asText() : Json.write(output), false);
            JsonNode error = response.get("error");
            if (error != null) return new Part.ToolResult(id, name, error.isTextual() ? error.asText() : Json.write(error), true);
        }
        return new Part.ToolResult(id, name, response == null ? "" : Json.write(response), false);
    }

    private static Part media(MediaSource s) {
        String mime = s.mediaType() == null ? "" : s.mediaType();
        if (mime.startsWith("image/")) return new Part.Image(s, null);
        if (mime.startsWith("audio/")) return new Part.Audio(s);
        return new Part.Document(s, null);
    }

    static String stripModelsPrefix(String m) {
        return m != null && m.startsWith("models/") ? m.substring(7) : m;
    }

}
