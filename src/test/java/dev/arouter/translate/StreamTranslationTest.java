package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.anthropic.AnthropicStreamEncoder;
import dev.arouter.translate.gemini.GeminiStreamEncoder;
import dev.arouter.translate.gemini.GeminiToolIds;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.openai.OpenAiStreamEncoder;
import dev.arouter.translate.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream goldens: every .sse transcript is fed as raw bytes through SseParser in many chunk
 * splits, decoded to IR and re-encoded for every client family; the client byte stream must be
 * identical for every split and must have the expected event sequence.
 */
class StreamTranslationTest {
    static final long CREATED = 1741952318L;

    // ------------------------------------------------------------------ harness

    record Output(byte[] bytes, List<SseEvent> events) {
        String text() { return new String(bytes, StandardCharsets.UTF_8); }
        List<String> names() { return events.stream().map(SseEvent::event).toList(); }
        List<JsonNode> json() {
            return events.stream().filter(e -> !e.data().equals("[DONE]")).map(e -> Json.parse(e.data())).toList();
        }
    }

    static byte[] feed(byte[] in, StreamTranslator t, int[] cuts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int off = 0;
        for (int cut : cuts) {
            out.writeBytes(t.feed(in, off, cut - off));
            off = cut;
        }
        out.writeBytes(t.feed(in, off, in.length - off));
        out.writeBytes(t.finish());
        return out.toByteArray();
    }

    /** Runs the transcript with chunk sizes 1..48 and 10 random splits; all must give identical bytes. */
    static Output run(byte[] in, Family upstream, Supplier<StreamEncoder> encoder) {
        byte[] whole = feed(in, new StreamTranslator(Codecs.streamDecoder(upstream), encoder.get()), new int[0]);
        for (int size = 1; size <= 48; size++) {
            List<Integer> cuts = new ArrayList<>();
            for (int c = size; c < in.length; c += size) cuts.add(c);
            byte[] got = feed(in, new StreamTranslator(Codecs.streamDecoder(upstream), encoder.get()),
                    cuts.stream().mapToInt(Integer::intValue).toArray());
            assertThat(got).as("chunk size %d", size).isEqualTo(whole);
        }
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < 10; i++) {
            int[] cuts = rnd.ints(1 + rnd.nextInt(40), 1, in.length).sorted().distinct().toArray();
            byte[] got = feed(in, new StreamTranslator(Codecs.streamDecoder(upstream), encoder.get()), cuts);
            assertThat(got).as("random split %s", Arrays.toString(cuts)).isEqualTo(whole);
        }
        return new Output(whole, Fixtures.parse(whole, Integer.MAX_VALUE));
    }

    static Output run(String fixture, Family upstream, Supplier<StreamEncoder> encoder) {
        return run(Fixtures.bytes(fixture), upstream, encoder);
    }

    static Supplier<StreamEncoder> openAi(boolean usage) { return () -> new OpenAiStreamEncoder(usage, CREATED, null); }
    static Supplier<StreamEncoder> anthropic() { return AnthropicStreamEncoder::new; }
    static Supplier<StreamEncoder> gemini() { return GeminiStreamEncoder::new; }

    static String concatOpenAiContent(Output o, String field) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode c : o.json()) {
            JsonNode v = c.at("/choices/0/delta/" + field);
            if (v.isTextual()) sb.append(v.asText());
        }
        return sb.toString();
    }

    static String concatAnthropic(Output o, int index, String deltaField) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : o.json()) {
            if ("content_block_delta".equals(e.path("type").asText()) && e.path("index").asInt() == index) {
                JsonNode v = e.at("/delta/" + deltaField);
                if (v.isTextual()) sb.append(v.asText());
            }
        }
        return sb.toString();
    }

    /** Asserts the Anthropic wire grammar: start, balanced blocks with increasing indexes, delta, stop. */
    static void assertAnthropicGrammar(Output o, boolean expectError) {
        List<JsonNode> ev = o.json();
        assertThat(ev.getFirst().path("type").asText()).isEqualTo("message_start");
        for (int i = 0; i < ev.size(); i++) assertThat(ev.get(i).path("type").asText()).isEqualTo(o.names().get(i));
        int open = -1;
        int next = 0;
        for (JsonNode e : ev) {
            switch (e.path("type").asText()) {
                case "content_block_start" -> {
                    assertThat(open).as("block opened while %d open", open).isEqualTo(-1);
                    assertThat(e.path("index").asInt()).isEqualTo(next++);
                    open = e.path("index").asInt();
                }
                case "content_block_delta" -> assertThat(e.path("index").asInt()).isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(e.path("index").asInt()).isEqualTo(open);
                    open = -1;
                }
                case "message_delta", "message_stop" -> assertThat(open).isEqualTo(-1);
                default -> { }
            }
        }
        if (expectError) {
            assertThat(o.names().getLast()).isEqualTo("error");
            assertThat(o.names()).doesNotContain("message_stop");
        } else {
            assertThat(o.names().subList(o.names().size() - 2, o.names().size())).containsExactly("message_delta", "message_stop");
            assertThat(o.names()).doesNotContain("error");
        }
    }

    static void assertOpenAiFraming(Output o, boolean expectError) {
        assertThat(o.text()).doesNotContain("\r").doesNotContain("event:").doesNotContain("obfuscation");
        if (expectError) {
            assertThat(o.events().getLast().data()).startsWith("{\"error\"");
            assertThat(o.text()).doesNotContain("[DONE]");
        } else {
            assertThat(o.events().getLast().data()).isEqualTo("[DONE]");
            assertThat(o.text()).endsWith("data: [DONE]\n\n");
        }
        List<JsonNode> chunks = o.json();
        JsonNode first = chunks.getFirst();
        if (!expectError || chunks.size() > 1) {
            assertThat(first.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            String id = first.get("id").asText();
            for (JsonNode c : chunks) if (!c.has("error")) {
                assertThat(c.get("id").asText()).isEqualTo(id);
                assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(c.get("created").asLong()).isEqualTo(CREATED);
            }
        }
    }

    static void assertGeminiFraming(Output o) {
        String t = o.text();
        assertThat(t).doesNotContain("[DONE]").doesNotContain("event:");
        assertThat(t.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(t).endsWith("\r\n\r\n").startsWith("data: ");
    }

    // ------------------------------------------------------------------ OpenAI upstream

    @Test
    void openAiTextStream() {
        String full = "Each lighthouse blinks its own rhythm so navigators can tell one light from the next after dark."
                + " That rhythm, called the light's characteristic, is printed on every nautical chart.";
        Output o = run("openai/chat-stream-text.sse", Family.OPENAI, openAi(true));
        assertOpenAiFraming(o, false);
        assertThat(o.events()).hasSize(1 + 17 + 1 + 1 + 1);
        assertThat(concatOpenAiContent(o, "content")).isEqualTo(full);
        JsonNode usage = o.json().getLast();
        assertThat(usage.get("choices").size()).isZero();
        assertThat(usage.at("/usage/prompt_tokens").asLong()).isEqualTo(38);
        assertThat(usage.at("/usage/completion_tokens").asLong()).isEqualTo(33);
        assertThat(o.json().get(o.json().size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");

        Output noUsage = run("openai/chat-stream-text.sse", Family.OPENAI, openAi(false));
        assertThat(noUsage.text()).doesNotContain("\"usage\"").doesNotContain("prompt_tokens");
        assertThat(noUsage.events()).hasSize(1 + 17 + 1 + 1);

        Output a = run("openai/chat-stream-text.sse", Family.OPENAI, anthropic());
        assertAnthropicGrammar(a, false);
        List<String> expected = new ArrayList<>(List.of("message_start", "content_block_start", "ping"));
        for (int i = 0; i < 17; i++) expected.add("content_block_delta");
        expected.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
        assertThat(a.names()).isEqualTo(expected);
        assertThat(concatAnthropic(a, 0, "text")).isEqualTo(full);
        JsonNode md = a.json().get(a.json().size() - 2);
        assertThat(md.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(md.at("/usage/output_tokens").asLong()).isEqualTo(33);
        assertThat(md.at("/usage/input_tokens").asLong()).isEqualTo(38);
        assertThat(a.json().getFirst().at("/message/id").asText()).isEqualTo("chatcmpl-Bq7Rn4aTz0QhW2PcLx6Ej9uKvSdY");

        Output g = run("openai/chat-stream-text.sse", Family.OPENAI, gemini());
        assertGeminiFraming(g);
        assertThat(g.events()).hasSize(18);
        StringBuilder sb = new StringBuilder();
        for (JsonNode c : g.json()) sb.append(c.at("/candidates/0/content/parts/0/text").asText(""));
        assertThat(sb.toString()).isEqualTo(full);
        JsonNode last = g.json().getLast();
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(38);
        assertThat(last.at("/usageMetadata/candidatesTokenCount").asLong()).isEqualTo(33);
        assertThat(last.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(71);
    }

    @Test
    void openAiToolStream() {
        String args0 = "{\"harbour\":\"Port Blanchet\",\"date\":\"2025-03-15\"}";
        String args1 = "{\"value\":14,\"from_unit\":\"kn\",\"to_unit\":\"km/h\"}";
        Output a = run("openai/chat-stream-tools.sse", Family.OPENAI, anthropic());
        assertAnthropicGrammar(a, false);
        assertThat(a.names()).containsExactly("message_start",
                "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        List<JsonNode> ev = a.json();
        assertThat(ev.get(1).at("/content_block/type").asText()).isEqualTo("tool_use");
        assertThat(ev.get(1).at("/content_block/id").asText()).isEqualTo("call_7Qm2dVxN4bRf0LsKp9TeWy3A");
        assertThat(ev.get(1).at("/content_block/name").asText()).isEqualTo("lookup_tide");
        assertThat(ev.get(1).at("/content_block/input").isObject()).isTrue();
        assertThat(ev.get(3).at("/delta/type").asText()).isEqualTo("input_json_delta");
        assertThat(ev.get(3).at("/delta/partial_json").asText()).isEqualTo("{\"harbour\""); // passed through as a delta
        assertThat(concatAnthropic(a, 0, "partial_json")).isEqualTo(args0);
        assertThat(ev.get(8).at("/content_block/name").asText()).isEqualTo("convert_speed");
        assertThat(concatAnthropic(a, 1, "partial_json")).isEqualTo(args1);
        JsonNode md = ev.get(ev.size() - 2);
        assertThat(md.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(md.at("/usage/input_tokens").asLong()).isEqualTo(161);
        assertThat(md.at("/usage/output_tokens").asLong()).isEqualTo(58);

        Output o = run("openai/chat-stream-tools.sse", Family.OPENAI, openAi(true));
        assertOpenAiFraming(o, false);
        StringBuilder a0 = new StringBuilder();
        StringBuilder a1 = new StringBuilder();
        for (JsonNode c : o.json()) {
            for (JsonNode tc : c.at("/choices/0/delta/tool_calls")) {
                (tc.get("index").asInt() == 0 ? a0 : a1).append(tc.at("/function/arguments").asText());
            }
        }
        assertThat(a0.toString()).isEqualTo(args0);
        assertThat(a1.toString()).isEqualTo(args1);
        assertThat(o.json().get(o.json().size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(o.json().getLast().at("/usage/total_tokens").asLong()).isEqualTo(219);

        Output g = run("openai/chat-stream-tools.sse", Family.OPENAI, gemini());
        assertGeminiFraming(g);
        assertThat(g.events()).hasSize(1); // arguments cannot stream in Gemini: one final chunk
        JsonNode parts = g.json().getFirst().at("/candidates/0/content/parts");
        assertThat(parts.at("/0/functionCall/name").asText()).isEqualTo("lookup_tide");
        assertThat(parts.at("/0/functionCall/args")).isEqualTo(Json.parse(args0));
        assertThat(parts.at("/1/functionCall/args")).isEqualTo(Json.parse(args1));
        assertThat(g.json().getFirst().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(g.json().getFirst().at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(219);
    }

    @Test
    void openAiMidStreamError() {
        Output o = run("openai/stream-error-midstream.sse", Family.OPENAI, openAi(true));
        assertOpenAiFraming(o, true);
        assertThat(o.json().getLast().at("/error/type").asText()).isEqualTo("server_error");
        assertThat(concatOpenAiContent(o, "content")).isEqualTo("Each lighthouse");

        Output a = run("openai/stream-error-midstream.sse", Family.OPENAI, anthropic());
        assertAnthropicGrammar(a, true);
        assertThat(a.json().getLast().at("/error/type").asText()).isEqualTo("api_error");
        assertThat(concatAnthropic(a, 0, "text")).isEqualTo("Each lighthouse");

        Output g = run("openai/stream-error-midstream.sse", Family.OPENAI, gemini());
        assertGeminiFraming(g);
        assertThat(g.json().getLast().at("/error/code").asInt()).isEqualTo(500);
        assertThat(g.json().getLast().at("/error/status").asText()).isEqualTo("INTERNAL");
    }

    // ------------------------------------------------------------------ Anthropic upstream

    @Test
    void anthropicTextStream() {
        String full = "Each lighthouse blinks its own rhythm so navigators can tell one light from the next after dark."
                + " That rhythm, called the light's characteristic, is printed on every nautical chart.";
        Output o = run("anthropic/messages-stream-text.sse", Family.ANTHROPIC, openAi(true));
        assertOpenAiFraming(o, false);
        assertThat(o.events()).hasSize(1 + 5 + 1 + 1 + 1);
        assertThat(concatOpenAiContent(o, "content")).isEqualTo(full);
        assertThat(o.json().get(6).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(o.json().get(7).at("/usage/prompt_tokens").asLong()).isEqualTo(41);
        assertThat(o.json().get(7).at("/usage/completion_tokens").asLong()).isEqualTo(36);
        assertThat(o.json().getFirst().get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");

        Output a = run("anthropic/messages-stream-text.sse", Family.ANTHROPIC, anthropic());
        assertAnthropicGrammar(a, false);
        List<SseEvent> original = Fixtures.parse(Fixtures.bytes("anthropic/messages-stream-text.sse"), Integer.MAX_VALUE);
        assertThat(a.names()).isEqualTo(original.stream().map(SseEvent::event).toList());
        assertThat(concatAnthropic(a, 0, "text")).isEqualTo(full);
        assertThat(a.json().getFirst().at("/message/usage/input_tokens").asLong()).isEqualTo(41);

        Output g = run("anthropic/messages-stream-text.sse", Family.ANTHROPIC, gemini());
        assertGeminiFraming(g);
        assertThat(g.events()).hasSize(6);
        assertThat(g.json().getFirst().at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(41);
        assertThat(g.json().getLast().at("/usageMetadata/candidatesTokenCount").asLong()).isEqualTo(36);
        assertThat(g.json().getLast().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(g.json().getLast().at("/responseId").asText()).isEqualTo("msg_01Jt4WcR8yQn2KfV6pXs0LmD");
    }

    @Test
    void anthropicToolStream() {
        Output o = run("anthropic/messages-stream-tools.sse", Family.ANTHROPIC, openAi(true));
        assertOpenAiFraming(o, false);
        assertThat(concatOpenAiContent(o, "content")).isEqualTo("I'll check the tide table and convert the speed.");
        List<JsonNode> starts = new ArrayList<>();
        StringBuilder[] args = {new StringBuilder(), new StringBuilder()};
        for (JsonNode c : o.json()) {
            for (JsonNode tc : c.at("/choices/0/delta/tool_calls")) {
                if (tc.has("id")) starts.add(tc);
                args[tc.get("index").asInt()].append(tc.at("/function/arguments").asText());
            }
        }
        assertThat(starts).hasSize(2);
        assertThat(starts.get(0).get("index").asInt()).isZero(); // tool-only index, not Anthropic's block index 1
        assertThat(starts.get(0).get("id").asText()).isEqualTo("toolu_01A8xPq3VnR6tYc2LwZ9kHfE");
        assertThat(starts.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(starts.get(1).at("/function/name").asText()).isEqualTo("convert_speed");
        assertThat(Json.parse(args[0].toString())).isEqualTo(Json.parse("{\"harbour\":\"Port Blanchet\",\"date\":\"2025-03-15\"}"));
        assertThat(Json.parse(args[1].toString())).isEqualTo(Json.parse("{\"value\":14,\"from_unit\":\"kn\",\"to_unit\":\"km/h\"}"));
        assertThat(o.json().get(o.json().size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(o.json().getLast().at("/usage/prompt_tokens").asLong()).isEqualTo(688);
        assertThat(o.json().getLast().at("/usage/completion_tokens").asLong()).isEqualTo(143);

        Output g = run("anthropic/messages-stream-tools.sse", Family.ANTHROPIC, gemini());
        assertGeminiFraming(g);
        JsonNode last = g.json().getLast();
        assertThat(last.at("/candidates/0/content/parts").size()).isEqualTo(2);
        assertThat(last.at("/candidates/0/content/parts/1/functionCall/args/to_unit").asText()).isEqualTo("km/h");
        assertThat(last.at("/candidates/0/content/parts/0/functionCall/id").asText()).isEqualTo("toolu_01A8xPq3VnR6tYc2LwZ9kHfE");

        Output a = run("anthropic/messages-stream-tools.sse", Family.ANTHROPIC, anthropic());
        assertAnthropicGrammar(a, false);
        assertThat(a.json().get(a.json().size() - 2).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(Json.parse(concatAnthropic(a, 2, "partial_json")))
                .isEqualTo(Json.parse("{\"value\":14,\"from_unit\":\"kn\",\"to_unit\":\"km/h\"}"));
    }

    @Test
    void anthropicThinkingStream() {
        String sig = "EqoBCkgIBhABGAIiQGx3c2F0bW9zcGhlcmljLXNpZ25hdHVyZS1leGFtcGxlLW5vdC1yZWFsEgx0aGlua2luZy1zaWcaDGludmVudGVkLWRhdGE=";
        Output o = run("anthropic/messages-stream-thinking.sse", Family.ANTHROPIC, openAi(true));
        assertOpenAiFraming(o, false);
        assertThat(concatOpenAiContent(o, "reasoning_content")).isEqualTo("Both periods divide their least common multiple. LCM(4, 6) = 12, so 12 seconds.");
        assertThat(concatOpenAiContent(o, "content")).isEqualTo("They flash together again after 12 seconds.");
        assertThat(o.text()).doesNotContain(sig);

        Output a = run("anthropic/messages-stream-thinking.sse", Family.ANTHROPIC, anthropic());
        assertAnthropicGrammar(a, false);
        assertThat(a.json().get(1).at("/content_block/type").asText()).isEqualTo("thinking");
        assertThat(concatAnthropic(a, 0, "signature")).isEqualTo(sig);
        assertThat(concatAnthropic(a, 0, "thinking")).startsWith("Both periods");
        assertThat(concatAnthropic(a, 1, "text")).isEqualTo("They flash together again after 12 seconds.");

        Output g = run("anthropic/messages-stream-thinking.sse", Family.ANTHROPIC, gemini());
        assertGeminiFraming(g);
        assertThat(g.json().get(0).at("/candidates/0/content/parts/0/thought").asBoolean()).isTrue();
        assertThat(g.text()).doesNotContain(sig); // an Anthropic signature means nothing to Gemini
    }

    @Test
    void anthropicOverloadedMidStream() {
        Output o = run("anthropic/stream-error-overloaded.sse", Family.ANTHROPIC, openAi(true));
        assertOpenAiFraming(o, true);
        assertThat(o.json().getLast().at("/error/code").asText()).isEqualTo("overloaded");
        assertThat(concatOpenAiContent(o, "content")).isEqualTo("Each lighthouse blinks");

        Output a = run("anthropic/stream-error-overloaded.sse", Family.ANTHROPIC, anthropic());
        assertAnthropicGrammar(a, true);
        assertThat(a.json().getLast().at("/error/type").asText()).isEqualTo("overloaded_error");

        Output g = run("anthropic/stream-error-overloaded.sse", Family.ANTHROPIC, gemini());
        assertGeminiFraming(g);
        assertThat(g.json().getLast().at("/error/code").asInt()).isEqualTo(503);
        assertThat(g.json().getLast().at("/error/status").asText()).isEqualTo("UNAVAILABLE");
    }

    // ------------------------------------------------------------------ Gemini upstream

    @Test
    void geminiTextStream() {
        Output o = run("gemini/stream-text.sse", Family.GEMINI, openAi(true));
        assertOpenAiFraming(o, false);
        assertThat(o.events()).hasSize(1 + 3 + 1 + 1 + 1);
        assertThat(concatOpenAiContent(o, "content")).startsWith("Each lighthouse blinks").endsWith("every nautical chart.");
        JsonNode usage = o.json().getLast();
        assertThat(usage.at("/usage/prompt_tokens").asLong()).isEqualTo(27);
        assertThat(usage.at("/usage/completion_tokens").asLong()).isEqualTo(33); // last cumulative value
        assertThat(usage.at("/usage/total_tokens").asLong()).isEqualTo(60);

        Output a = run("gemini/stream-text.sse", Family.GEMINI, anthropic());
        assertAnthropicGrammar(a, false);
        assertThat(a.names()).containsExactly("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(a.json().getFirst().at("/message/usage/input_tokens").asLong()).isEqualTo(27);
        JsonNode md = a.json().get(7);
        assertThat(md.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(md.at("/usage/output_tokens").asLong()).isEqualTo(33);

        Output g = run("gemini/stream-text.sse", Family.GEMINI, gemini());
        assertGeminiFraming(g);
        assertThat(g.json().getLast().at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(60);
    }

    @Test
    void geminiToolStream() {
        String sig = "CiQBcsjafQk2Lr8xNfT0aVqB7pWc4YhE1uDm9oGz3sKe6tJn5RkSaQFyyNp0eXbWvH8qLcT2mZ4rGdU7yA1oPnS6fJ3hK9wVtB0iMqE5uCzR2lXgY8bNa4oT7pDe1sWf";
        Output o = run("gemini/stream-tools.sse", Family.GEMINI, openAi(true));
        assertOpenAiFraming(o, false);
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode c : o.json()) for (JsonNode tc : c.at("/choices/0/delta/tool_calls")) calls.add(tc);
        assertThat(calls).hasSize(4); // start + whole arguments for each of the two calls
        assertThat(calls.get(0).at("/function/name").asText()).isEqualTo("lookup_tide");
        assertThat(GeminiToolIds.signatureFromId(calls.get(0).get("id").asText())).isEqualTo(sig);
        assertThat(Json.parse(calls.get(1).at("/function/arguments").asText()))
                .isEqualTo(Json.parse("{\"harbour\":\"Port Blanchet\",\"date\":\"2025-03-15\"}"));
        assertThat(calls.get(2).get("index").asInt()).isEqualTo(1);
        assertThat(calls.get(2).get("id").asText()).isNotEqualTo(calls.get(0).get("id").asText());
        assertThat(o.json().get(o.json().size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode usage = o.json().getLast().get("usage");
        assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(142);
        assertThat(usage.get("completion_tokens").asLong()).isEqualTo(52 + 96);
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(96);
        assertThat(usage.get("total_tokens").asLong()).isEqualTo(290);

        Output a = run("gemini/stream-tools.sse", Family.GEMINI, anthropic());
        assertAnthropicGrammar(a, false);
        assertThat(a.names()).containsExactly("message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(a.json().get(5).at("/content_block/name").asText()).isEqualTo("lookup_tide");
        assertThat(Json.parse(concatAnthropic(a, 2, "partial_json"))).isEqualTo(Json.parse("{\"value\":14,\"from_unit\":\"kn\",\"to_unit\":\"km/h\"}"));
        JsonNode md = a.json().get(11);
        assertThat(md.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(md.at("/usage/output_tokens").asLong()).isEqualTo(148);

        Output g = run("gemini/stream-tools.sse", Family.GEMINI, gemini());
        assertGeminiFraming(g);
        JsonNode parts = g.json().getLast().at("/candidates/0/content/parts");
        assertThat(parts.at("/0/thoughtSignature").asText()).isEqualTo(sig);
        assertThat(parts.get(1).has("thoughtSignature")).isFalse();
        assertThat(parts.at("/0/functionCall").has("id")).isFalse(); // synthesized ids are not shown to Gemini clients
    }

    @Test
    void geminiMidStreamError() {
        Output o = run("gemini/stream-error-midstream.sse", Family.GEMINI, openAi(true));
        assertOpenAiFraming(o, true);
        assertThat(o.json().getLast().at("/error/code").asText()).isEqualTo("overloaded");
        Output a = run("gemini/stream-error-midstream.sse", Family.GEMINI, anthropic());
        assertAnthropicGrammar(a, true);
        assertThat(a.json().getLast().at("/error/type").asText()).isEqualTo("overloaded_error");
        Output g = run("gemini/stream-error-midstream.sse", Family.GEMINI, gemini());
        assertGeminiFraming(g);
        assertThat(g.json().getLast().at("/error/status").asText()).isEqualTo("UNAVAILABLE");
    }

    // ------------------------------------------------------------------ robustness

    @Test
    void truncatedStreamsNeverCloseCleanly() {
        String[][] cases = {
                {"openai/chat-stream-text.sse", "OPENAI", "5"},
                {"anthropic/messages-stream-text.sse", "ANTHROPIC", "6"},
                {"gemini/stream-text.sse", "GEMINI", "2"}};
        for (String[] c : cases) {
            List<SseEvent> all = Fixtures.parse(Fixtures.bytes(c[0]), Integer.MAX_VALUE);
            StringBuilder body = new StringBuilder();
            for (SseEvent e : all.subList(0, Integer.parseInt(c[2]))) body.append(e.encode());
            byte[] cut = body.toString().getBytes(StandardCharsets.UTF_8);
            Family up = Family.valueOf(c[1]);
            Output o = run(cut, up, openAi(true));
            assertOpenAiFraming(o, true);
            assertThat(o.json().getLast().at("/error/code").asText()).as(c[0]).isEqualTo("bad_gateway");
            Output a = run(cut, up, anthropic());
            assertAnthropicGrammar(a, true);
            Output g = run(cut, up, gemini());
            assertThat(g.json().getLast().has("error")).isTrue();
        }
    }

    @Test
    void translationIsIncrementalOneUpstreamEventAtATime() {
        // Every upstream argument fragment produces its client delta immediately, before the next event arrives.
        List<SseEvent> upstream = Fixtures.parse(Fixtures.bytes("openai/chat-stream-tools.sse"), Integer.MAX_VALUE);
        StreamTranslator t = new StreamTranslator(Codecs.streamDecoder(Family.OPENAI), new AnthropicStreamEncoder());
        int argumentEvents = 0;
        for (SseEvent e : upstream) {
            List<SseEvent> out = t.onUpstreamEvent(e);
            if (e.data().contains("\"arguments\":\"{") || e.data().contains("\"arguments\":\"\\\"") || e.data().contains("\"arguments\":\":")
                    || e.data().contains("\"arguments\":\"chet") || e.data().contains("\"arguments\":\"-03")) {
                assertThat(out).extracting(SseEvent::event).contains("content_block_delta");
                argumentEvents++;
            }
        }
        assertThat(argumentEvents).isEqualTo(7);
        assertThat(t.terminated()).isTrue();
        assertThat(t.onUpstreamEnd()).isEmpty();
    }

    @Test
    void errorAsFirstEventIsReportedEarlySoTheCallerCanStillSendAnHttpStatus() {
        StreamTranslator t = StreamTranslator.of(Family.GEMINI, Family.OPENAI, true);
        byte[] in = ("data: {\"error\":{\"code\":400,\"message\":\"bad key\",\"status\":\"INVALID_ARGUMENT\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = t.feed(in, 0, in.length);
        assertThat(t.earlyError()).isNotNull();
        assertThat(t.earlyError().kind()).isEqualTo(ErrorKind.UPSTREAM_AUTH); // never blamed on the client's key
        assertThat(new String(out, StandardCharsets.UTF_8)).contains("upstream_authentication_failed").doesNotContain("[DONE]");
    }

    @Test
    void decodersSkipPingsCommentsAndUnknownEvents() {
        var dec = Codecs.streamDecoder(Family.ANTHROPIC);
        assertThat(dec.decode(new SseEvent("ping", "{\"type\": \"ping\"}"))).isEmpty();
        assertThat(dec.decode(new SseEvent("future_event", "{\"type\":\"future_event\",\"x\":1}"))).isEmpty();
        var started = dec.decode(new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":3}}}"));
        assertThat(started).singleElement().isInstanceOf(StreamEvent.MessageStart.class);
        // OpenAI-compatible "choices": null usage chunk is tolerated
        var odec = Codecs.streamDecoder(Family.OPENAI);
        odec.decode(new SseEvent(null, "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}"));
        var u = odec.decode(new SseEvent(null, "{\"id\":\"x\",\"choices\":null,\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}"));
        assertThat(u).singleElement().isInstanceOf(StreamEvent.UsageUpdate.class);
    }
}
