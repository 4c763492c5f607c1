package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.anthropic.AnthropicMappings;
import dev.arouter.translate.anthropic.AnthropicRequestEncoder;
import dev.arouter.translate.anthropic.AnthropicResponseDecoder;
import dev.arouter.translate.anthropic.AnthropicResponseEncoder;
import dev.arouter.translate.gemini.GeminiMappings;
import dev.arouter.translate.gemini.GeminiResponseDecoder;
import dev.arouter.translate.gemini.GeminiResponseEncoder;
import dev.arouter.translate.gemini.GeminiToolIds;
import dev.arouter.translate.ir.ChatRequest;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.openai.OpenAiMappings;
import dev.arouter.translate.openai.OpenAiRequestDecoder;
import dev.arouter.translate.openai.OpenAiResponseDecoder;
import dev.arouter.translate.openai.OpenAiResponseEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden non-streamed response translations and the finish-reason / usage tables. */
class ResponseTranslationTest {
    final OpenAiResponseDecoder oDec = new OpenAiResponseDecoder();
    final AnthropicResponseDecoder aDec = new AnthropicResponseDecoder();
    final GeminiResponseDecoder gDec = new GeminiResponseDecoder();
    final OpenAiResponseEncoder oEnc = new OpenAiResponseEncoder();
    final AnthropicResponseEncoder aEnc = new AnthropicResponseEncoder();
    final GeminiResponseEncoder gEnc = new GeminiResponseEncoder();

    static String s(JsonNode n, String ptr) {
        JsonNode v = n.at(ptr);
        assertThat(v.isMissingNode()).as("missing %s in %s", ptr, n).isFalse();
        return v.asText();
    }

    static long l(JsonNode n, String ptr) {
        JsonNode v = n.at(ptr);
        assertThat(v.isNumber()).as("no number at %s in %s", ptr, n).isTrue();
        return v.asLong();
    }

    @Test
    void openAiTextResponseToAnthropicAndGemini() {
        JsonNode src = Fixtures.json("openai/chat-text.response.json");
        ChatResponse ir = oDec.decode(src);
        assertThat(ir.usage).isEqualTo(new Usage(38, 0, 0, 33, 0));
        assertThat(ir.finishReason).isEqualTo(FinishReason.STOP);
        ObjectNode a = aEnc.encode(ir);
        assertThat(s(a, "/content/0/text")).isEqualTo(s(src, "/choices/0/message/content"));
        assertThat(s(a, "/stop_reason")).isEqualTo("end_turn");
        assertThat(l(a, "/usage/input_tokens")).isEqualTo(38);
        assertThat(l(a, "/usage/output_tokens")).isEqualTo(33);
        assertThat(a.toString()).doesNotContain("system_fingerprint").doesNotContain("service_tier");
        ObjectNode g = gEnc.encode(ir);
        assertThat(s(g, "/candidates/0/content/parts/0/text")).isEqualTo(s(src, "/choices/0/message/content"));
        assertThat(s(g, "/candidates/0/finishReason")).isEqualTo("STOP");
        assertThat(l(g, "/usageMetadata/promptTokenCount")).isEqualTo(38);
        assertThat(l(g, "/usageMetadata/candidatesTokenCount")).isEqualTo(33);
        assertThat(l(g, "/usageMetadata/totalTokenCount")).isEqualTo(71);
    }

    @Test
    void openAiToolResponseToAnthropicAndGemini() {
        ChatResponse ir = oDec.decode(Fixtures.json("openai/chat-tools.response.json"));
        ObjectNode a = aEnc.encode(ir);
        assertThat(a.get("content").size()).isEqualTo(2);
        assertThat(s(a, "/content/0/type")).isEqualTo("tool_use");
        assertThat(s(a, "/content/0/id")).isEqualTo("call_7Qm2dVxN4bRf0LsKp9TeWy3A");
        assertThat(a.at("/content/0/input")).isEqualTo(Json.parse("{\"harbour\":\"Port Blanchet\",\"date\":\"2025-03-15\"}"));
        assertThat(a.at("/content/1/input")).isEqualTo(Json.parse("{\"value\":14,\"from_unit\":\"kn\",\"to_unit\":\"km/h\"}"));
        assertThat(s(a, "/stop_reason")).isEqualTo("tool_use");
        ObjectNode g = gEnc.encode(ir);
        assertThat(s(g, "/candidates/0/finishReason")).isEqualTo("STOP");
        assertThat(s(g, "/candidates/0/content/parts/1/functionCall/name")).isEqualTo("convert_speed");
        assertThat(g.at("/candidates/0/content/parts/1/functionCall/args/value").asInt()).isEqualTo(14);
        // a Gemini client round trip infers tool calls from the parts
        assertThat(gDec.decode(g).finishReason).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void anthropicToolResponseToOpenAi() {
        JsonNode src = Fixtures.json("anthropic/messages-tools.response.json");
        ObjectNode o = oEnc.encode(aDec.decode(src));
        JsonNode msg = o.at("/choices/0/message");
        assertThat(s(msg, "/content")).isEqualTo("I'll check the tide table and convert the speed.");
        assertThat(msg.get("tool_calls").size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonNode tc = msg.at("/tool_calls/" + i);
            assertThat(s(tc, "/id")).isEqualTo(s(src, "/content/" + (i + 1) + "/id"));
            assertThat(s(tc, "/type")).isEqualTo("function");
            assertThat(tc.at("/function/arguments").isTextual()).isTrue();
            assertThat(Json.parse(s(tc, "/function/arguments"))).isEqualTo(src.at("/content/" + (i + 1) + "/input"));
        }
        assertThat(s(o, "/choices/0/finish_reason")).isEqualTo("tool_calls");
        assertThat(s(o, "/object")).isEqualTo("chat.completion");
        assertThat(l(o, "/usage/prompt_tokens")).isEqualTo(688);
        assertThat(l(o, "/usage/completion_tokens")).isEqualTo(143);
        assertThat(l(o, "/usage/total_tokens")).isEqualTo(831);
    }

    @Test
    void anthropicToolResponseToGemini() {
        ObjectNode g = gEnc.encode(aDec.decode(Fixtures.json("anthropic/messages-tools.response.json")));
        JsonNode parts = g.at("/candidates/0/content/parts");
        assertThat(parts.size()).isEqualTo(3);
        assertThat(s(parts, "/0/text")).startsWith("I'll check");
        assertThat(parts.at("/1/functionCall/args")).isEqualTo(Json.parse("{\"harbour\":\"Port Blanchet\",\"date\":\"2025-03-15\"}"));
        assertThat(s(parts, "/1/functionCall/id")).isEqualTo("toolu_01A8xPq3VnR6tYc2LwZ9kHfE");
        assertThat(s(g, "/candidates/0/finishReason")).isEqualTo("STOP");
        assertThat(l(g, "/usageMetadata/promptTokenCount")).isEqualTo(688);
        assertThat(l(g, "/usageMetadata/candidatesTokenCount")).isEqualTo(143);
    }

    @Test
    void anthropicCachedUsageIsCountedOnce() {
        // README §4.9 worked example
        ObjectNode src = (ObjectNode) Fixtures.json("anthropic/messages-text.response.json");
        src.set("usage", Json.parse("{\"input_tokens\":120,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":1800,\"output_tokens\":210}"));
        ChatResponse ir = aDec.decode(src);
        assertThat(ir.usage).isEqualTo(new Usage(1920, 1800, 0, 210, 0));
        ObjectNode o = oEnc.encode(ir);
        assertThat(l(o, "/usage/prompt_tokens")).isEqualTo(1920);
        assertThat(l(o, "/usage/prompt_tokens_details/cached_tokens")).isEqualTo(1800);
        assertThat(l(o, "/usage/completion_tokens")).isEqualTo(210);
        assertThat(l(o, "/usage/total_tokens")).isEqualTo(2130);
        ObjectNode g = gEnc.encode(ir);
        assertThat(l(g, "/usageMetadata/promptTokenCount")).isEqualTo(1920);
        assertThat(l(g, "/usageMetadata/cachedContentTokenCount")).isEqualTo(1800);
        // and back to Anthropic: input_tokens excludes the cache again
        ObjectNode a = aEnc.encode(oDec.decode(o));
        assertThat(l(a, "/usage/input_tokens")).isEqualTo(120);
        assertThat(l(a, "/usage/cache_read_input_tokens")).isEqualTo(1800);
        // cache writes are also outside Anthropic's input_tokens
        Usage w = AnthropicMappings.usageFromAnthropic(Json.parse("{\"input_tokens\":10,\"cache_creation_input_tokens\":500,\"cache_read_input_tokens\":0,\"output_tokens\":5}"));
        assertThat(w).isEqualTo(new Usage(510, 0, 500, 5, 0));
        assertThat(l(OpenAiMappings.usageToOpenAi(w), "/prompt_tokens_details/cache_write_tokens")).isEqualTo(500);
        assertThat(OpenAiMappings.usageFromOpenAi(OpenAiMappings.usageToOpenAi(w))).isEqualTo(w);
    }

    @Test
    void geminiThoughtsAreOutputTokensAndReasoning() {
        // README §4.9 worked example
        Usage u = GeminiMappings.usageFromGemini(Json.parse("{\"promptTokenCount\":1920,\"cachedContentTokenCount\":1800,"
                + "\"candidatesTokenCount\":150,\"thoughtsTokenCount\":60,\"totalTokenCount\":2130}"));
        assertThat(u).isEqualTo(new Usage(1920, 1800, 0, 210, 60));
        ObjectNode o = OpenAiMappings.usageToOpenAi(u);
        assertThat(l(o, "/completion_tokens")).isEqualTo(210);
        assertThat(l(o, "/completion_tokens_details/reasoning_tokens")).isEqualTo(60);
        assertThat(l(o, "/total_tokens")).isEqualTo(2130);
        ObjectNode a = AnthropicMappings.usageToAnthropic(u);
        assertThat(l(a, "/input_tokens")).isEqualTo(120);
        assertThat(l(a, "/cache_read_input_tokens")).isEqualTo(1800);
        assertThat(l(a, "/output_tokens")).isEqualTo(210);
        ObjectNode g = GeminiMappings.usageToGemini(u);
        assertThat(l(g, "/candidatesTokenCount")).isEqualTo(150);
        assertThat(l(g, "/thoughtsTokenCount")).isEqualTo(60);
        assertThat(l(g, "/totalTokenCount")).isEqualTo(2130);
    }

    @Test
    void geminiToolResponseToOpenAiAndAnthropicKeepsSignatureInIds() {
        JsonNode src = Fixtures.json("gemini/generate-tools.response.json");
        ChatResponse ir = gDec.decode(src);
        assertThat(ir.finishReason).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(ir.usage).isEqualTo(new Usage(142, 0, 0, 41 + 96, 96));
        ObjectNode o = oEnc.encode(ir);
        JsonNode calls = o.at("/choices/0/message/tool_calls");
        assertThat(calls.size()).isEqualTo(2);
        String id0 = s(calls, "/0/id");
        String id1 = s(calls, "/1/id");
        assertThat(id0).isNotEqualTo(id1).matches("^[a-zA-Z0-9_-]+$");
        assertThat(GeminiToolIds.signatureFromId(id0)).isEqualTo(s(src, "/candidates/0/content/parts/0/thoughtSignature"));
        assertThat(GeminiToolIds.signatureFromId(id1)).isNull();
        assertThat(Json.parse(s(calls, "/0/function/arguments"))).isEqualTo(src.at("/candidates/0/content/parts/0/functionCall/args"));
        assertThat(o.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(s(o, "/choices/0/finish_reason")).isEqualTo("tool_calls");
        assertThat(l(o, "/usage/prompt_tokens")).isEqualTo(142);
        assertThat(l(o, "/usage/completion_tokens")).isEqualTo(137);
        assertThat(l(o, "/usage/completion_tokens_details/reasoning_tokens")).isEqualTo(96);
        assertThat(l(o, "/usage/total_tokens")).isEqualTo(279);

        ObjectNode a = aEnc.encode(ir);
        assertThat(s(a, "/stop_reason")).isEqualTo("tool_use");
        assertThat(s(a, "/content/0/id")).isEqualTo(id0);
        assertThat(l(a, "/usage/output_tokens")).isEqualTo(137);

        // Gemini → Gemini keeps the signature on the first part only, and the usage split
        ObjectNode g = gEnc.encode(ir);
        assertThat(g.at("/candidates/0/content/parts")).isEqualTo(src.at("/candidates/0/content/parts"));
        assertThat(g.get("usageMetadata").get("thoughtsTokenCount").asLong()).isEqualTo(96);
        assertThat(g.get("usageMetadata").get("totalTokenCount").asLong()).isEqualTo(279);
    }

    @Test
    void signatureSurvivesAnOpenAiClientToolLoopBackToGemini() {
        // Gemini response → OpenAI client → the client's next request (echoing ids) → Gemini request
        ObjectNode oResp = oEnc.encode(gDec.decode(Fixtures.json("gemini/generate-tools.response.json")));
        ObjectNode next = (ObjectNode) Fixtures.json("openai/chat-tools-followup.request.json");
        JsonNode echoed = oResp.at("/choices/0/message");
        ((ObjectNode) next.at("/messages/2")).set("tool_calls", echoed.get("tool_calls"));
        ((ObjectNode) next.at("/messages/3")).put("tool_call_id", s(echoed, "/tool_calls/0/id"));
        ((ObjectNode) next.at("/messages/4")).put("tool_call_id", s(echoed, "/tool_calls/1/id"));
        ChatRequest ir = new OpenAiRequestDecoder().decode(next);
        ObjectNode g = new dev.arouter.translate.gemini.GeminiRequestEncoder().encode(ir);
        JsonNode gFix = Fixtures.json("gemini/generate-tools-followup.request.json");
        assertThat(g.at("/contents/1")).isEqualTo(gFix.at("/contents/1"));
        assertThat(g.at("/contents/2")).isEqualTo(gFix.at("/contents/2"));
    }

    @Test
    void anthropicThinkingReachesOpenAiAsReasoningContentAndComesBack() {
        ObjectNode src = (ObjectNode) Fixtures.json("anthropic/messages-tools.response.json");
        ((com.fasterxml.jackson.databind.node.ArrayNode) src.get("content")).insert(0,
                Json.parse("{\"type\":\"thinking\",\"thinking\":\"Need tide and speed.\",\"signature\":\"SIG123\"}"));
        ObjectNode o = oEnc.encode(aDec.decode(src));
        assertThat(s(o, "/choices/0/message/reasoning_content")).isEqualTo("Need tide and speed.");
        assertThat(s(o, "/choices/0/message/thinking_blocks/0/signature")).isEqualTo("SIG123");
        // OpenAI client sends the assistant message back with thinking_blocks → Anthropic upstream
        ObjectNode req = (ObjectNode) Fixtures.json("openai/chat-tools-followup.request.json");
        ((ObjectNode) req.at("/messages/2")).set("thinking_blocks", o.at("/choices/0/message/thinking_blocks"));
        req.put("reasoning_effort", "low");
        ObjectNode a = new AnthropicRequestEncoder(4096).encode(new OpenAiRequestDecoder().decode(req));
        assertThat(s(a, "/messages/1/content/0/type")).isEqualTo("thinking");
        assertThat(s(a, "/messages/1/content/0/signature")).isEqualTo("SIG123");
        assertThat(s(a, "/thinking/type")).isEqualTo("enabled");
        // without the signed block Anthropic would reject thinking + tool_use history: thinking is left off
        ObjectNode plain = (ObjectNode) Fixtures.json("openai/chat-tools-followup.request.json");
        plain.put("reasoning_effort", "low");
        ObjectNode a2 = new AnthropicRequestEncoder(4096).encode(new OpenAiRequestDecoder().decode(plain));
        assertThat(a2.has("thinking")).isFalse();
        // to Gemini the Anthropic thinking is shown as a thought part without a signature
        ObjectNode g = gEnc.encode(aDec.decode(src));
        assertThat(g.at("/candidates/0/content/parts/0/thought").asBoolean()).isTrue();
        assertThat(g.at("/candidates/0/content/parts/0").has("thoughtSignature")).isFalse();
    }

    @Test
    void geminiBlockedPromptIsAContentFilterAnswer() {
        JsonNode blocked = Json.parse("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9}}");
        ChatResponse ir = gDec.decode(blocked);
        assertThat(ir.finishReason).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(s(oEnc.encode(ir), "/choices/0/finish_reason")).isEqualTo("content_filter");
        assertThat(s(aEnc.encode(ir), "/stop_reason")).isEqualTo("refusal");
        assertThat(aEnc.encode(ir).get("content").size()).isZero();
    }

    @Test
    void refusalSurvives() {
        ObjectNode src = (ObjectNode) Fixtures.json("openai/chat-text.response.json");
        ((ObjectNode) src.at("/choices/0/message")).putNull("content").put("refusal", "I can't help with that.");
        ChatResponse ir = oDec.decode(src);
        ObjectNode a = aEnc.encode(ir);
        assertThat(s(a, "/content/0/text")).isEqualTo("I can't help with that.");
        assertThat(s(a, "/stop_reason")).isEqualTo("refusal");
        assertThat(s(oEnc.encode(ir), "/choices/0/message/refusal")).isEqualTo("I can't help with that.");
        assertThat(s(gEnc.encode(ir), "/candidates/0/finishReason")).isEqualTo("SAFETY");
    }

    @ParameterizedTest
    @CsvSource({
            "end_turn,stop,STOP", "stop_sequence,stop,STOP", "max_tokens,length,MAX_TOKENS", "tool_use,tool_calls,STOP",
            "pause_turn,stop,STOP", "refusal,content_filter,SAFETY", "model_context_window_exceeded,length,MAX_TOKENS",
            "some_future_reason,stop,STOP"})
    void anthropicStopReasons(String a, String o, String g) {
        FinishReason r = AnthropicMappings.stopReasonFromAnthropic(a);
        assertThat(OpenAiMappings.finishReasonToOpenAi(r)).isEqualTo(o);
        assertThat(GeminiMappings.finishReasonToGemini(r)).isEqualTo(g);
    }

    @ParameterizedTest
    @CsvSource({
            "STOP,false,stop,end_turn", "STOP,true,tool_calls,tool_use", "MAX_TOKENS,false,length,max_tokens",
            "SAFETY,false,content_filter,refusal", "RECITATION,false,content_filter,refusal", "SPII,false,content_filter,refusal",
            "PROHIBITED_CONTENT,false,content_filter,refusal", "IMAGE_SAFETY,false,content_filter,refusal",
            "MALFORMED_FUNCTION_CALL,false,stop,end_turn", "OTHER,false,stop,end_turn",
            "FINISH_REASON_UNSPECIFIED,false,stop,end_turn", "BRAND_NEW_REASON,false,stop,end_turn"})
    void geminiFinishReasons(String g, boolean calls, String o, String a) {
        FinishReason r = GeminiMappings.finishReasonFromGemini(g, calls);
        assertThat(OpenAiMappings.finishReasonToOpenAi(r)).isEqualTo(o);
        assertThat(AnthropicMappings.stopReasonToAnthropic(r)).isEqualTo(a);
    }

    @ParameterizedTest
    @CsvSource({"stop,end_turn,STOP", "length,max_tokens,MAX_TOKENS", "tool_calls,tool_use,STOP", "function_call,tool_use,STOP",
            "content_filter,refusal,SAFETY", "insufficient_system_resource,end_turn,STOP"})
    void openAiFinishReasons(String o, String a, String g) {
        FinishReason r = OpenAiMappings.finishReasonFromOpenAi(o);
        assertThat(AnthropicMappings.stopReasonToAnthropic(r)).isEqualTo(a);
        assertThat(GeminiMappings.finishReasonToGemini(r)).isEqualTo(g);
    }

    @Test
    void stopSequenceIsReportedToAnthropicClients() {
        ObjectNode src = (ObjectNode) Fixtures.json("anthropic/messages-text.response.json");
        src.put("stop_reason", "stop_sequence").put("stop_sequence", "###");
        ObjectNode a = aEnc.encode(aDec.decode(src));
        assertThat(s(a, "/stop_reason")).isEqualTo("stop_sequence");
        assertThat(s(a, "/stop_sequence")).isEqualTo("###");
        assertThat(Part.Text.class).isNotNull();
    }

    @Test
    void aGeminiPartWithNullTextIsSkippedNotFatal() {
        JsonNode src = dev.arouter.translate.ir.Json.parse("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":null},{"text":"Hello"}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1,"totalTokenCount":4}}""");
        ChatResponse ir = gDec.decode(src);
        ObjectNode o = oEnc.encode(ir);
        assertThat(s(o, "/choices/0/message/content")).isEqualTo("Hello");

        byte[] sse = ("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":null}]}}]}\r\n\r\n"
                + "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello\"}]},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1,\"totalTokenCount\":4}}\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var t = new StreamTranslator(Codecs.streamDecoder(dev.arouter.translate.ir.Family.GEMINI),
                new dev.arouter.translate.openai.OpenAiStreamEncoder(false));
        String out = new String(t.feed(sse, 0, sse.length), java.nio.charset.StandardCharsets.UTF_8)
                + new String(t.finish(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).contains("\"content\":\"Hello\"").contains("[DONE]").doesNotContain("\"error\"");
    }
}
