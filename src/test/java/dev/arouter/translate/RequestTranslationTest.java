package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.anthropic.AnthropicRequestDecoder;
import dev.arouter.translate.anthropic.AnthropicRequestEncoder;
import dev.arouter.translate.gemini.GeminiRequestDecoder;
import dev.arouter.translate.gemini.GeminiRequestEncoder;
import dev.arouter.translate.ir.ChatRequest;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.MediaSource;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.ReasoningConfig;
import dev.arouter.translate.ir.ResponseFormat;
import dev.arouter.translate.ir.Role;
import dev.arouter.translate.ir.ToolChoice;
import dev.arouter.translate.ir.TranslationException;
import dev.arouter.translate.openai.OpenAiRequestDecoder;
import dev.arouter.translate.openai.OpenAiRequestEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Golden request translations built from the wire fixtures, in every direction. */
class RequestTranslationTest {
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQi+oBAAGeAQUPLwv6AAAAAElFTkSuQmCC";

    final OpenAiRequestDecoder oDec = new OpenAiRequestDecoder();
    final AnthropicRequestDecoder aDec = new AnthropicRequestDecoder();
    final GeminiRequestDecoder gDec = new GeminiRequestDecoder();
    final OpenAiRequestEncoder oEnc = new OpenAiRequestEncoder();
    final AnthropicRequestEncoder aEnc = new AnthropicRequestEncoder(4096);
    final GeminiRequestEncoder gEnc = new GeminiRequestEncoder();

    static String s(JsonNode n, String ptr) {
        JsonNode v = n.at(ptr);
        assertThat(v.isMissingNode()).as("missing %s in %s", ptr, n).isFalse();
        return v.asText();
    }

    // ---------------------------------------------------------------- OpenAI client

    @Test
    void openAiTextToAnthropicAndGemini() {
        ChatRequest ir = oDec.decode(Fixtures.json("openai/chat-text.request.json"));
        assertThat(ir.system).containsExactly("You are a terse assistant for a maritime museum. Answer in at most two sentences.");
        assertThat(ir.messages).hasSize(1);
        assertThat(ir.maxOutputTokens).isEqualTo(120);
        assertThat(ir.includeUsage).isTrue();

        ObjectNode a = aEnc.encode(ir);
        assertThat(s(a, "/system")).isEqualTo(ir.system.getFirst());
        assertThat(a.at("/max_tokens").asInt()).isEqualTo(120);
        assertThat(a.at("/temperature").asDouble()).isEqualTo(0.4);
        assertThat(a.at("/top_p").asDouble()).isEqualTo(1.0);
        assertThat(a.at("/stop_sequences/0").asText()).isEqualTo("###");
        assertThat(s(a, "/metadata/user_id")).isEqualTo("visitor-4821");
        assertThat(a.at("/messages").size()).isEqualTo(1);
        assertThat(s(a, "/messages/0/role")).isEqualTo("user");
        assertThat(s(a, "/messages/0/content/0/text")).isEqualTo("Why do lighthouses use different flash patterns?");
        assertThat(a.has("n")).isFalse();
        assertThat(a.has("seed")).isFalse();
        assertThat(a.toString()).doesNotContain("developer");

        ObjectNode g = gEnc.encode(ir);
        assertThat(s(g, "/systemInstruction/parts/0/text")).isEqualTo(ir.system.getFirst());
        assertThat(s(g, "/contents/0/role")).isEqualTo("user");
        JsonNode gc = g.get("generationConfig");
        assertThat(gc.get("temperature").asDouble()).isEqualTo(0.4);
        assertThat(gc.get("maxOutputTokens").asInt()).isEqualTo(120);
        assertThat(gc.at("/stopSequences/0").asText()).isEqualTo("###");
        assertThat(gc.get("candidateCount").asInt()).isEqualTo(1);
        assertThat(gc.get("seed").asLong()).isEqualTo(7);
    }

    @Test
    void openAiToolsToAnthropic() {
        JsonNode src = Fixtures.json("openai/chat-tools.request.json");
        ObjectNode a = aEnc.encode(oDec.decode(src));
        assertThat(s(a, "/system")).isEqualTo("You help harbour pilots plan departures. Always use the tools for live data.");
        assertThat(a.at("/messages").size()).isEqualTo(1);
        assertThat(a.at("/tools").size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(s(a, "/tools/" + i + "/name")).isEqualTo(s(src, "/tools/" + i + "/function/name"));
            assertThat(s(a, "/tools/" + i + "/description")).isEqualTo(s(src, "/tools/" + i + "/function/description"));
            assertThat(a.at("/tools/" + i + "/input_schema")).isEqualTo(src.at("/tools/" + i + "/function/parameters"));
            assertThat(a.at("/tools/" + i).has("strict")).isFalse();
        }
        assertThat(s(a, "/tool_choice/type")).isEqualTo("auto");
        assertThat(a.at("/tool_choice/disable_parallel_tool_use").asBoolean(true)).isFalse();
        assertThat(a.at("/max_tokens").asInt()).isEqualTo(300);
        // and it matches the Anthropic fixture for the same scenario
        JsonNode aFix = Fixtures.json("anthropic/messages-tools.request.json");
        assertThat(a.get("tools")).isEqualTo(aFix.get("tools"));
        assertThat(a.get("tool_choice")).isEqualTo(aFix.get("tool_choice"));
    }

    @Test
    void openAiToolsToGemini() {
        JsonNode src = Fixtures.json("openai/chat-tools.request.json");
        ObjectNode g = gEnc.encode(oDec.decode(src));
        JsonNode decls = g.at("/tools/0/functionDeclarations");
        assertThat(decls.size()).isEqualTo(2);
        assertThat(s(decls, "/0/name")).isEqualTo("lookup_tide");
        assertThat(decls.at("/0/parametersJsonSchema")).isEqualTo(src.at("/tools/0/function/parameters"));
        assertThat(s(g, "/toolConfig/functionCallingConfig/mode")).isEqualTo("AUTO");
        assertThat(g.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(300);
    }

    @ParameterizedTest
    @CsvSource({"auto,AUTO,auto,", "none,NONE,none,", "required,ANY,any,"})
    void toolChoiceStringsMapToEveryFamily(String o, String g, String a, String unused) {
        ObjectNode src = (ObjectNode) Fixtures.json("openai/chat-tools.request.json");
        src.put("tool_choice", o);
        src.put("parallel_tool_calls", false);
        ChatRequest ir = oDec.decode(src);
        ObjectNode ae = aEnc.encode(ir);
        assertThat(s(ae, "/tool_choice/type")).isEqualTo(a);
        // parallel flag is the inverse of disable_parallel_tool_use, and never added to "none"
        if (o.equals("none")) assertThat(ae.at("/tool_choice").has("disable_parallel_tool_use")).isFalse();
        else assertThat(ae.at("/tool_choice/disable_parallel_tool_use").asBoolean()).isTrue();
        assertThat(s(gEnc.encode(ir), "/toolConfig/functionCallingConfig/mode")).isEqualTo(g);
        assertThat(oEnc.encode(ir).get("tool_choice").asText()).isEqualTo(o);
        assertThat(oEnc.encode(ir).get("parallel_tool_calls").asBoolean()).isFalse();
    }

    @Test
    void specificFunctionToolChoiceMapsEverywhereAndBack() {
        ObjectNode src = (ObjectNode) Fixtures.json("openai/chat-tools.request.json");
        src.set("tool_choice", Json.parse("{\"type\":\"function\",\"function\":{\"name\":\"convert_speed\"}}"));
        ChatRequest ir = oDec.decode(src);
        assertThat(ir.toolChoice).isEqualTo(ToolChoice.function("convert_speed"));
        ObjectNode a = aEnc.encode(ir);
        assertThat(s(a, "/tool_choice/type")).isEqualTo("tool");
        assertThat(s(a, "/tool_choice/name")).isEqualTo("convert_speed");
        ObjectNode g = gEnc.encode(ir);
        assertThat(s(g, "/toolConfig/functionCallingConfig/mode")).isEqualTo("ANY");
        assertThat(s(g, "/toolConfig/functionCallingConfig/allowedFunctionNames/0")).isEqualTo("convert_speed");
        assertThat(aDec.decode(a).toolChoice).isEqualTo(ToolChoice.function("convert_speed"));
        assertThat(gDec.decode(g).toolChoice).isEqualTo(ToolChoice.function("convert_speed"));
        assertThat(oEnc.encode(ir).get("tool_choice")).isEqualTo(src.get("tool_choice"));
    }

    @Test
    void openAiToolFollowupToAnthropicPlacesResultsInOneUserTurn() {
        ObjectNode a = aEnc.encode(oDec.decode(Fixtures.json("openai/chat-tools-followup.request.json")));
        JsonNode msgs = a.get("messages");
        assertThat(msgs.size()).isEqualTo(3);
        assertThat(s(msgs, "/1/role")).isEqualTo("assistant");
        assertThat(msgs.at("/1/content").size()).isEqualTo(2); // content null dropped, no empty text block
        assertThat(s(msgs, "/1/content/0/type")).isEqualTo("tool_use");
        assertThat(s(msgs, "/1/content/0/id")).isEqualTo("call_7Qm2dVxN4bRf0LsKp9TeWy3A");
        assertThat(msgs.at("/1/content/0/input")).isEqualTo(Json.parse("{\"harbour\":\"Port Blanchet\",\"date\":\"2025-03-15\"}"));
        assertThat(msgs.at("/1/content/1/input")).isEqualTo(Json.parse("{\"value\":14,\"from_unit\":\"kn\",\"to_unit\":\"km/h\"}"));
        assertThat(s(msgs, "/2/role")).isEqualTo("user");
        assertThat(msgs.at("/2/content").size()).isEqualTo(2);
        assertThat(s(msgs, "/2/content/0/tool_use_id")).isEqualTo("call_7Qm2dVxN4bRf0LsKp9TeWy3A");
        assertThat(s(msgs, "/2/content/1/tool_use_id")).isEqualTo("call_Lk9PzH1cJ6uQa8XoE2nVb5Rt");
        assertThat(s(msgs, "/2/content/1/content")).isEqualTo("25.93");
    }

    @Test
    void openAiToolFollowupToGeminiMatchesTheGeminiFixture() {
        ObjectNode g = gEnc.encode(oDec.decode(Fixtures.json("openai/chat-tools-followup.request.json")));
        JsonNode gFix = Fixtures.json("gemini/generate-tools-followup.request.json");
        assertThat(g.at("/contents").size()).isEqualTo(3);
        // the functionResponse turn is exactly Gemini's: names resolved from call ids, the bare number wrapped in {"output": …}
        assertThat(g.at("/contents/2")).isEqualTo(gFix.at("/contents/2"));
        assertThat(s(g, "/contents/1/role")).isEqualTo("model");
        assertThat(g.at("/contents/1/parts/0/functionCall")).isEqualTo(gFix.at("/contents/1/parts/0/functionCall"));
        assertThat(g.at("/contents/1/parts/1/functionCall")).isEqualTo(gFix.at("/contents/1/parts/1/functionCall"));
        assertThat(g.at("/contents/1/parts/0").has("thoughtSignature")).isFalse(); // none was ever issued
        assertThat(g.at("/systemInstruction")).isEqualTo(gFix.at("/systemInstruction"));
    }

    @Test
    void openAiImagesAndPdf() {
        ChatRequest ir = oDec.decode(Fixtures.json("openai/chat-image.request.json"));
        List<Part> parts = ir.messages.getFirst().parts();
        assertThat(parts).hasSize(4);
        assertThat(((Part.Image) parts.get(1)).source().kind()).isEqualTo(MediaSource.Kind.URL);
        assertThat(((Part.Image) parts.get(2)).source()).isEqualTo(MediaSource.inline("image/png", PNG));
        Part.Document pdf = (Part.Document) parts.get(3);
        assertThat(pdf.source().mediaType()).isEqualTo("application/pdf");
        assertThat(pdf.title()).isEqualTo("chart-notes.pdf");

        ObjectNode a = aEnc.encode(ir);
        JsonNode c = a.at("/messages/0/content");
        assertThat(s(c, "/1/source/type")).isEqualTo("url");
        assertThat(s(c, "/1/source/url")).isEqualTo("https://images.example.org/signals/flag-kilo.png");
        assertThat(s(c, "/2/source/type")).isEqualTo("base64");
        assertThat(s(c, "/2/source/media_type")).isEqualTo("image/png");
        assertThat(s(c, "/2/source/data")).isEqualTo(PNG);
        assertThat(s(c, "/3/type")).isEqualTo("document");
        assertThat(s(c, "/3/source/media_type")).isEqualTo("application/pdf");
        assertThat(s(c, "/3/source/data")).isEqualTo(pdf.source().data());

        // Gemini cannot take the https image: the encoder reports it and refuses until it is inlined
        List<MediaSource> fetch = gEnc.mediaNeedingFetch(ir);
        assertThat(fetch).containsExactly(MediaSource.url("https://images.example.org/signals/flag-kilo.png", null));
        assertThatThrownBy(() -> gEnc.encode(ir)).isInstanceOf(TranslationException.class)
                .satisfies(e -> assertThat(((TranslationException) e).error().httpStatus()).isEqualTo(400));
        ir.replaceMedia(fetch.getFirst(), MediaSource.inline("image/png", PNG));
        assertThat(gEnc.mediaNeedingFetch(ir)).isEmpty();
        JsonNode gp = gEnc.encode(ir).at("/contents/0/parts");
        assertThat(gp.size()).isEqualTo(4);
        assertThat(s(gp, "/1/inlineData/mimeType")).isEqualTo("image/png");
        assertThat(s(gp, "/2/inlineData/data")).isEqualTo(PNG);
        assertThat(s(gp, "/3/inlineData/mimeType")).isEqualTo("application/pdf");
        assertThat(s(gp, "/3/inlineData/data")).isEqualTo(pdf.source().data());
        assertThat(oEnc.mediaNeedingFetch(ir)).isEmpty();
    }

    @Test
    void openAiStructuredOutput() {
        JsonNode src = Fixtures.json("openai/chat-structured-output.request.json");
        ChatRequest ir = oDec.decode(src);
        assertThat(ir.responseFormat.type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
        ObjectNode g = gEnc.encode(ir);
        assertThat(s(g, "/generationConfig/responseMimeType")).isEqualTo("application/json");
        assertThat(g.at("/generationConfig/responseJsonSchema")).isEqualTo(src.at("/response_format/json_schema/schema"));
        ObjectNode a = aEnc.encode(ir);
        assertThat(s(a, "/output_config/format/type")).isEqualTo("json_schema");
        assertThat(a.at("/output_config/format/schema")).isEqualTo(src.at("/response_format/json_schema/schema"));
        ObjectNode o = oEnc.encode(ir);
        assertThat(o.get("response_format")).isEqualTo(src.get("response_format"));
    }

    @Test
    void jsonObjectModeToEachFamily() {
        ObjectNode src = (ObjectNode) Fixtures.json("openai/chat-text.request.json");
        src.set("response_format", Json.parse("{\"type\":\"json_object\"}"));
        ChatRequest ir = oDec.decode(src);
        assertThat(s(gEnc.encode(ir), "/generationConfig/responseMimeType")).isEqualTo("application/json");
        assertThat(s(aEnc.encode(ir), "/system")).endsWith(AnthropicRequestEncoderJsonHint.TEXT);
    }

    static final class AnthropicRequestEncoderJsonHint {
        static final String TEXT = "Respond with a single valid JSON object and nothing else.";
    }

    @Test
    void openAiStreamRequestAlwaysAsksUpstreamForUsage() {
        ObjectNode src = (ObjectNode) Fixtures.json("openai/chat-stream-text.request.json");
        src.remove("stream_options");
        ChatRequest ir = oDec.decode(src);
        assertThat(ir.stream).isTrue();
        assertThat(ir.includeUsage).isFalse();
        ObjectNode o = oEnc.encode(ir);
        assertThat(o.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(aEnc.encode(ir).get("stream").asBoolean()).isTrue();
        assertThat(gEnc.encode(ir).has("stream")).isFalse(); // Gemini streams by URL
        assertThat(GeminiRequestEncoder.path("gemini-2.5-flash", true)).isEqualTo("models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    }

    @Test
    void reasoningEffortBecomesThinkingBudgetAndMaxTokensIsRaised() {
        ObjectNode src = (ObjectNode) Fixtures.json("openai/chat-text.request.json");
        src.put("reasoning_effort", "high");
        ChatRequest ir = oDec.decode(src);
        ObjectNode a = aEnc.encode(ir);
        assertThat(s(a, "/thinking/type")).isEqualTo("enabled");
        assertThat(a.at("/thinking/budget_tokens").asInt()).isEqualTo(4096);
        assertThat(a.at("/max_tokens").asInt()).isGreaterThan(4096);
        assertThat(a.has("temperature")).isFalse(); // Anthropic rejects temperature with thinking
        ObjectNode g = gEnc.encode(ir);
        assertThat(g.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(4096);
        assertThat(g.at("/generationConfig/thinkingConfig/includeThoughts").asBoolean()).isTrue();
        src.put("reasoning_effort", "none");
        ChatRequest off = oDec.decode(src);
        assertThat(s(aEnc.encode(off), "/thinking/type")).isEqualTo("disabled");
        assertThat(gEnc.encode(off).at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isZero();
    }

    @Test
    void anthropicTemperatureIsClampedAndMaxTokensDefaulted() {
        ObjectNode src = (ObjectNode) Fixtures.json("openai/chat-text.request.json");
        src.put("temperature", 1.7);
        src.remove("max_completion_tokens");
        ObjectNode a = aEnc.encode(oDec.decode(src));
        assertThat(a.get("temperature").asDouble()).isEqualTo(1.0);
        assertThat(a.get("max_tokens").asInt()).isEqualTo(4096);
        assertThat(new AnthropicRequestEncoder(777).encode(oDec.decode(src)).get("max_tokens").asInt()).isEqualTo(777);
        src.put("max_tokens", 55); // deprecated alias
        assertThat(aEnc.encode(oDec.decode(src)).get("max_tokens").asInt()).isEqualTo(55);
    }

    @Test
    void midConversationSystemMessageIsHoistedAndConsecutiveUserTurnsMerge() {
        JsonNode src = Json.parse("""
                {"model":"m","messages":[{"role":"user","content":"a"},{"role":"system","content":"late rule"},
                 {"role":"user","content":[{"type":"text","text":"b"}]},{"role":"assistant","content":"c"}]}""");
        ChatRequest ir = oDec.decode(src);
        assertThat(ir.system).containsExactly("late rule");
        ObjectNode a = aEnc.encode(ir);
        assertThat(a.at("/messages").size()).isEqualTo(2);
        assertThat(a.at("/messages/0/content").size()).isEqualTo(2);
        ObjectNode g = gEnc.encode(ir);
        assertThat(g.at("/contents").size()).isEqualTo(2);
        assertThat(s(g, "/contents/1/role")).isEqualTo("model");
    }

    @Test
    void invalidToolArgumentsAreKeptAsRaw() {
        JsonNode src = Json.parse("""
                {"model":"m","messages":[{"role":"user","content":"a"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{not json"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"ok"}]}""");
        ChatRequest ir = oDec.decode(src);
        assertThat(s(aEnc.encode(ir), "/messages/1/content/0/input/_raw")).isEqualTo("{not json");
        assertThat(s(gEnc.encode(ir), "/contents/1/parts/0/functionCall/args/_raw")).isEqualTo("{not json");
        assertThat(s(gEnc.encode(ir), "/contents/2/parts/0/functionResponse/response/output")).isEqualTo("ok");
    }

    @Test
    void unansweredToolCallGetsSynthesizedErrorResult() {
        JsonNode src = Json.parse("""
                {"model":"m","messages":[{"role":"user","content":"a"},
                 {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}},
                                                   {"id":"c2","type":"function","function":{"name":"g","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"done"},{"role":"user","content":"next"}]}""");
        ObjectNode a = aEnc.encode(oDec.decode(src));
        JsonNode c = a.at("/messages/2/content");
        assertThat(c.size()).isEqualTo(3);
        assertThat(s(c, "/1/tool_use_id")).isEqualTo("c2");
        assertThat(c.at("/1/is_error").asBoolean()).isTrue();
        assertThat(s(c, "/2/text")).isEqualTo("next");
        ObjectNode g = gEnc.encode(oDec.decode(src));
        assertThat(s(g, "/contents/2/parts/1/functionResponse/name")).isEqualTo("g");
        assertThat(s(g, "/contents/2/parts/1/functionResponse/response/error")).isEqualTo("no result");
    }

    @Test
    void foreignFileHandlesAndAudioCannotBeExpressed() {
        JsonNode src = Json.parse("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-abc"}}]}]}""");
        assertThatThrownBy(() -> aEnc.encode(oDec.decode(src))).isInstanceOf(TranslationException.class);
        assertThatThrownBy(() -> gEnc.encode(oDec.decode(src))).isInstanceOf(TranslationException.class);
        assertThat(s(oEnc.encode(oDec.decode(src)), "/messages/0/content/0/file/file_id")).isEqualTo("file-abc");
        JsonNode audio = Json.parse("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]}""");
        assertThatThrownBy(() -> aEnc.encode(oDec.decode(audio))).isInstanceOf(TranslationException.class);
        assertThat(s(gEnc.encode(oDec.decode(audio)), "/contents/0/parts/0/inlineData/mimeType")).isEqualTo("audio/wav");
    }

    // ---------------------------------------------------------------- Anthropic client

    @Test
    void anthropicTextToOpenAiAndGemini() {
        ChatRequest ir = aDec.decode(Fixtures.json("anthropic/messages-text.request.json"));
        ObjectNode o = oEnc.encode(ir);
        assertThat(s(o, "/messages/0/role")).isEqualTo("system");
        assertThat(s(o, "/messages/1/content")).isEqualTo("Why do lighthouses use different flash patterns?");
        assertThat(o.get("max_completion_tokens").asInt()).isEqualTo(200);
        assertThat(o.get("temperature").asDouble()).isEqualTo(0.4);
        assertThat(s(o, "/stop/0")).isEqualTo("###");
        assertThat(s(o, "/user")).isEqualTo("visitor-4821");
        assertThat(o.has("stream")).isFalse();
        ObjectNode g = gEnc.encode(ir);
        assertThat(g.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(200);
        assertThat(s(g, "/systemInstruction/parts/0/text")).startsWith("You are a terse assistant");
    }

    @Test
    void anthropicToolsToOpenAi() {
        JsonNode src = Fixtures.json("anthropic/messages-tools.request.json");
        ObjectNode o = oEnc.encode(aDec.decode(src));
        assertThat(s(o, "/messages/0/content")).isEqualTo(s(src, "/system/0/text"));
        assertThat(s(o, "/tools/0/type")).isEqualTo("function");
        assertThat(o.at("/tools/1/function/parameters")).isEqualTo(src.at("/tools/1/input_schema"));
        assertThat(o.get("tool_choice").asText()).isEqualTo("auto");
        assertThat(o.get("parallel_tool_calls").asBoolean()).isTrue();
        assertThat(o.get("max_completion_tokens").asInt()).isEqualTo(400);
    }

    @Test
    void anthropicToolFollowupToOpenAiSplitsResultsIntoToolMessages() {
        ObjectNode o = oEnc.encode(aDec.decode(Fixtures.json("anthropic/messages-tools-followup.request.json")));
        JsonNode m = o.get("messages");
        assertThat(m.size()).isEqualTo(6);
        assertThat(List.of(s(m, "/0/role"), s(m, "/1/role"), s(m, "/2/role"), s(m, "/3/role"), s(m, "/4/role"), s(m, "/5/role")))
                .containsExactly("system", "user", "assistant", "tool", "tool", "user");
        assertThat(s(m, "/2/content")).isEqualTo("I'll check the tide table and convert the speed.");
        assertThat(s(m, "/2/tool_calls/0/id")).isEqualTo("toolu_01A8xPq3VnR6tYc2LwZ9kHfE");
        assertThat(Json.parse(s(m, "/2/tool_calls/1/function/arguments")))
                .isEqualTo(Json.parse("{\"value\":14,\"from_unit\":\"kn\",\"to_unit\":\"km/h\"}"));
        assertThat(s(m, "/3/tool_call_id")).isEqualTo("toolu_01A8xPq3VnR6tYc2LwZ9kHfE");
        assertThat(s(m, "/4/content")).isEqualTo("25.93"); // block-array content joined
        assertThat(s(m, "/5/content")).isEqualTo("Round the speed to one decimal place.");
    }

    @Test
    void anthropicToolFollowupToGemini() {
        ObjectNode g = gEnc.encode(aDec.decode(Fixtures.json("anthropic/messages-tools-followup.request.json")));
        JsonNode gFix = Fixtures.json("gemini/generate-tools-followup.request.json");
        JsonNode user = g.at("/contents/2/parts");
        assertThat(user.size()).isEqualTo(3);
        assertThat(user.get(0)).isEqualTo(gFix.at("/contents/2/parts/0"));
        assertThat(user.get(1)).isEqualTo(gFix.at("/contents/2/parts/1"));
        assertThat(s(user, "/2/text")).isEqualTo("Round the speed to one decimal place.");
        assertThat(s(g, "/contents/1/parts/0/text")).startsWith("I'll check");
        assertThat(g.at("/contents/1/parts/1/functionCall")).isEqualTo(gFix.at("/contents/1/parts/0/functionCall"));
    }

    @Test
    void anthropicThinkingBudgetToOpenAiAndGemini() {
        ChatRequest ir = aDec.decode(Fixtures.json("anthropic/messages-stream-thinking.request.json"));
        assertThat(ir.reasoning).isEqualTo(new ReasoningConfig(true, null, 1600, null));
        ObjectNode o = oEnc.encode(ir);
        assertThat(s(o, "/reasoning_effort")).isEqualTo("medium");
        assertThat(o.get("stream").asBoolean()).isTrue();
        assertThat(o.at("/stream_options/include_usage").asBoolean()).isTrue();
        ObjectNode g = gEnc.encode(ir);
        assertThat(g.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(1600);
        ObjectNode a = aEnc.encode(ir);
        assertThat(a.at("/thinking/budget_tokens").asInt()).isEqualTo(1600);
        assertThat(a.at("/max_tokens").asInt()).isEqualTo(3000);
    }

    @Test
    void anthropicImagesAndDocuments() {
        ChatRequest ir = aDec.decode(Fixtures.json("anthropic/messages-image.request.json"));
        List<MediaSource> oFetch = oEnc.mediaNeedingFetch(ir);
        assertThat(oFetch).extracting(MediaSource::url).containsExactly("https://docs.example.org/notices/notice-to-mariners-0312.pdf");
        assertThat(gEnc.mediaNeedingFetch(ir)).extracting(MediaSource::url)
                .containsExactly("https://images.example.org/signals/flag-kilo.png", "https://docs.example.org/notices/notice-to-mariners-0312.pdf");
        assertThatThrownBy(() -> oEnc.encode(ir)).isInstanceOf(TranslationException.class);
        ir.replaceMedia(oFetch.getFirst(), MediaSource.inline("application/pdf", "JVBERi0="));
        JsonNode c = oEnc.encode(ir).at("/messages/0/content");
        assertThat(s(c, "/0/image_url/url")).isEqualTo("https://images.example.org/signals/flag-kilo.png");
        assertThat(s(c, "/1/image_url/url")).isEqualTo("data:image/png;base64," + PNG);
        assertThat(s(c, "/2/file/file_data")).startsWith("data:application/pdf;base64,JVBERi0xLjQK");
        assertThat(s(c, "/2/file/filename")).isEqualTo("Chart notes");
        assertThat(s(c, "/3/file/file_data")).isEqualTo("data:application/pdf;base64,JVBERi0=");
        assertThat(s(c, "/4/text")).startsWith("Which signal flag");
    }

    // ---------------------------------------------------------------- Gemini client

    @Test
    void geminiTextToOpenAiAndAnthropic() {
        ChatRequest ir = gDec.decode(Fixtures.json("gemini/generate-text.request.json"), "gemini-2.5-flash", false);
        assertThat(ir.reasoning.isDisabled()).isTrue();
        ObjectNode o = oEnc.encode(ir);
        assertThat(s(o, "/model")).isEqualTo("gemini-2.5-flash");
        assertThat(o.get("top_p").asDouble()).isEqualTo(0.95);
        assertThat(o.has("top_k")).isFalse();
        assertThat(o.get("max_completion_tokens").asInt()).isEqualTo(200);
        assertThat(s(o, "/reasoning_effort")).isEqualTo("none");
        ObjectNode a = aEnc.encode(ir);
        assertThat(a.get("top_k").asInt()).isEqualTo(40);
        assertThat(a.get("temperature").asDouble()).isEqualTo(0.4);
        assertThat(s(a, "/thinking/type")).isEqualTo("disabled");
        assertThat(s(a, "/stop_sequences/0")).isEqualTo("###");
    }

    @Test
    void geminiToolsToAnthropicConvertOpenApiSchema() {
        ChatRequest ir = gDec.decode(Fixtures.json("gemini/generate-tools.request.json"));
        ObjectNode a = aEnc.encode(ir);
        JsonNode aFix = Fixtures.json("anthropic/messages-tools.request.json");
        JsonNode lookup = a.at("/tools/0/input_schema");
        assertThat(s(lookup, "/type")).isEqualTo("object");
        assertThat(s(lookup, "/properties/harbour/type")).isEqualTo("string");
        assertThat(lookup.get("required")).isEqualTo(aFix.at("/tools/0/input_schema/required"));
        assertThat(a.at("/tools/1/input_schema")).isEqualTo(aFix.at("/tools/1/input_schema"));
        assertThat(s(a, "/tool_choice/type")).isEqualTo("auto");
        assertThat(a.has("thinking")).isFalse(); // includeThoughts:false alone does not switch thinking on
    }

    @Test
    void geminiToolFollowupSynthesizesMatchingIds() {
        ChatRequest ir = gDec.decode(Fixtures.json("gemini/generate-tools-followup.request.json"));
        Part.ToolCall first = (Part.ToolCall) ir.messages.get(1).parts().get(0);
        assertThat(first.thoughtSignature()).startsWith("CiQBcsjafQk2");
        ObjectNode o = oEnc.encode(ir);
        JsonNode m = o.get("messages");
        String id0 = s(m, "/2/tool_calls/0/id");
        String id1 = s(m, "/2/tool_calls/1/id");
        assertThat(id0).isNotEqualTo(id1);
        assertThat(s(m, "/3/tool_call_id")).isEqualTo(id0);
        assertThat(s(m, "/4/tool_call_id")).isEqualTo(id1);
        assertThat(Json.parse(s(m, "/3/content"))).isEqualTo(Fixtures.json("gemini/generate-tools-followup.request.json")
                .at("/contents/2/parts/0/functionResponse/response"));
        assertThat(s(m, "/4/content")).isEqualTo("25.93"); // {"output": 25.93} unwrapped
        ObjectNode a = aEnc.encode(ir);
        assertThat(s(a, "/messages/1/content/0/id")).isEqualTo(s(a, "/messages/2/content/0/tool_use_id"));
        assertThat(s(a, "/messages/1/content/1/id")).isEqualTo(s(a, "/messages/2/content/1/tool_use_id"));
        // back to Gemini: the signature returns on the same functionCall part
        ObjectNode g = gEnc.encode(ir);
        JsonNode gFix = Fixtures.json("gemini/generate-tools-followup.request.json");
        assertThat(g.get("contents")).isEqualTo(gFix.get("contents"));
    }

    @Test
    void geminiSnakeCaseRequestsAreAccepted() {
        JsonNode src = Json.parse("""
                {"system_instruction":{"parts":[{"text":"sys"}]},
                 "contents":[{"role":"user","parts":[{"text":"hi"},{"inline_data":{"mime_type":"image/png","data":"%s"}}]}],
                 "generation_config":{"max_output_tokens":12,"stop_sequences":["x"],"thinking_config":{"thinking_budget":2048}}}""".formatted(PNG));
        ChatRequest ir = gDec.decode(src);
        assertThat(ir.system).containsExactly("sys");
        assertThat(ir.maxOutputTokens).isEqualTo(12);
        assertThat(ir.stop).containsExactly("x");
        assertThat(ir.reasoning.budgetTokens()).isEqualTo(2048);
        assertThat(ir.messages.getFirst().parts().get(1)).isEqualTo(new Part.Image(MediaSource.inline("image/png", PNG), null));
    }

    @Test
    void geminiImagesWithFilesApiUriCannotLeaveGemini() {
        ChatRequest ir = gDec.decode(Fixtures.json("gemini/generate-image.request.json"));
        List<Part> parts = ir.messages.getFirst().parts();
        assertThat(((Part.Image) parts.get(2)).source().kind()).isEqualTo(MediaSource.Kind.FILE);
        assertThat(((Part.Image) parts.get(2)).source().owner()).isEqualTo(Family.GEMINI);
        assertThat(((Part.Document) parts.get(3)).source().mediaType()).isEqualTo("application/pdf");
        assertThatThrownBy(() -> oEnc.encode(ir)).isInstanceOf(TranslationException.class);
        assertThatThrownBy(() -> aEnc.encode(ir)).isInstanceOf(TranslationException.class);
        ir.messages.getFirst().parts().remove(2);
        JsonNode c = aEnc.encode(ir).at("/messages/0/content");
        assertThat(s(c, "/1/source/data")).isEqualTo(PNG);
        assertThat(s(c, "/2/type")).isEqualTo("document");
        assertThat(s(c, "/2/source/media_type")).isEqualTo("application/pdf");
        JsonNode oc = oEnc.encode(ir).at("/messages/0/content");
        assertThat(s(oc, "/2/file/file_data")).startsWith("data:application/pdf;base64,JVBER");
    }

    // ---------------------------------------------------------------- same-family round trips

    @ParameterizedTest
    @CsvSource({
            "OPENAI,openai/chat-text.request.json", "OPENAI,openai/chat-tools.request.json",
            "OPENAI,openai/chat-tools-followup.request.json", "OPENAI,openai/chat-image.request.json",
            "OPENAI,openai/chat-structured-output.request.json", "OPENAI,openai/chat-stream-tools.request.json",
            "ANTHROPIC,anthropic/messages-text.request.json", "ANTHROPIC,anthropic/messages-tools.request.json",
            "ANTHROPIC,anthropic/messages-tools-followup.request.json", "ANTHROPIC,anthropic/messages-image.request.json",
            "ANTHROPIC,anthropic/messages-stream-thinking.request.json", "ANTHROPIC,anthropic/messages-stream-tools.request.json",
            "GEMINI,gemini/generate-text.request.json", "GEMINI,gemini/generate-tools.request.json",
            "GEMINI,gemini/generate-tools-followup.request.json", "GEMINI,gemini/generate-image.request.json",
            "GEMINI,gemini/stream-tools.request.json"})
    void decodeEncodeDecodeIsStable(Family f, String path) {
        ChatRequest first = Codecs.requestDecoder(f).decode(Fixtures.json(path));
        if (f == Family.ANTHROPIC) {
            // URL media is legal for Anthropic; nothing to fetch
            assertThat(Codecs.requestEncoder(f, 1024).mediaNeedingFetch(first)).isEmpty();
        }
        ObjectNode encoded = Codecs.requestEncoder(f, 1024).encode(first);
        ChatRequest second = Codecs.requestDecoder(f).decode(encoded);
        assertThat(second.system).isEqualTo(first.system);
        assertThat(second.messages).isEqualTo(first.messages);
        assertThat(second.tools).isEqualTo(first.tools);
        assertThat(second.toolChoice).isEqualTo(first.toolChoice);
        assertThat(second.responseFormat).isEqualTo(first.responseFormat);
        assertThat(second.stop).isEqualTo(first.stop);
        assertThat(second.temperature).isEqualTo(first.temperature);
        assertThat(second.maxOutputTokens).isEqualTo(first.maxOutputTokens);
        assertThat(second.reasoning).isEqualTo(first.reasoning);
    }
}
