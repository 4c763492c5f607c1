package dev.arouter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.arouter.testing.GatewayTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official openai-java SDK, unmodified, against anthropic/ and google/ models (translated upstreams). */
class OpenAiSdkCrossFamilyTest extends GatewayTestBase {

    OpenAIClient client;

    @BeforeEach
    void sdk() throws Exception {
        client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(clientKey()).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams text(String model, boolean stream) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model)
                .addSystemMessage("You are a terse assistant for a maritime museum.")
                .addUserMessage("Why do lighthouses use different flash patterns?");
        if (stream) b.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        return b.build();
    }

    private static FunctionDefinition fn(String name, Map<String, Object> props, List<String> required) {
        return FunctionDefinition.builder().name(name).parameters(FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(props))
                .putAdditionalProperty("required", JsonValue.from(required)).build()).build();
    }

    private static ChatCompletionCreateParams toolParams(String model) {
        return ChatCompletionCreateParams.builder().model(model)
                .addSystemMessage("You help harbour pilots plan departures.")
                .addUserMessage("When is high tide at Port Blanchet on 2025-03-15, and what is 14 knots in km/h?")
                .addFunctionTool(fn("lookup_tide", Map.of("harbour", Map.of("type", "string"), "date", Map.of("type", "string")),
                        List.of("harbour", "date")))
                .addFunctionTool(fn("convert_speed", Map.of("value", Map.of("type", "number"),
                        "from_unit", Map.of("type", "string"), "to_unit", Map.of("type", "string")), List.of("value", "from_unit", "to_unit")))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic/claude-sonnet-4.6", "google/gemini-2.5-flash"})
    void text(String model) {
        UPSTREAM.answer(SdkUpstream.answering(false));
        ChatCompletion c = client.chat().completions().create(text(model, false));
        c.validate();
        assertThat(c.model()).isEqualTo(model);
        assertThat(c.choices().get(0).message().content()).contains(SdkUpstream.TEXT);
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(c.usage().orElseThrow().promptTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic/claude-sonnet-4.6", "google/gemini-2.5-flash"})
    void stream(String model) {
        UPSTREAM.answer(SdkUpstream.answering(false));
        StringBuilder text = new StringBuilder();
        List<String> finish = new ArrayList<>();
        List<Long> completionTokens = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(text(model, true))) {
            s.stream().forEach(chunk -> {
                chunk.validate();
                assertThat(chunk.model()).isEqualTo(model);
                chunk.usage().ifPresent(u -> completionTokens.add(u.completionTokens()));
                chunk.choices().forEach(ch -> {
                    ch.delta().content().ifPresent(text::append);
                    ch.finishReason().ifPresent(f -> finish.add(f.asString()));
                });
            });
        }
        assertThat(text.toString()).isEqualTo(SdkUpstream.TEXT);
        assertThat(finish).containsExactly("stop");
        assertThat(completionTokens).hasSize(1).allMatch(n -> n > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic/claude-sonnet-4.6", "google/gemini-2.5-flash"})
    void tools(String model) throws Exception {
        UPSTREAM.answer(SdkUpstream.answering(true));
        ChatCompletion c = client.chat().completions().create(toolParams(model));
        c.validate();
        assertThat(c.model()).isEqualTo(model);
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<ChatCompletionMessageFunctionToolCall> calls = c.choices().get(0).message().toolCalls().orElseThrow()
                .stream().map(t -> t.asFunction()).toList();
        assertThat(calls).extracting(t -> t.function().name()).containsExactly("lookup_tide", "convert_speed");
        assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id).allSatisfy(id -> assertThat(id).isNotBlank()).doesNotHaveDuplicates();
        assertThat(json(calls.get(0).function().arguments())).isEqualTo(TranslationMatrixTest.expectedArgs(0));
        assertThat(json(calls.get(1).function().arguments())).isEqualTo(TranslationMatrixTest.expectedArgs(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic/claude-sonnet-4.6", "google/gemini-2.5-flash"})
    void streamedTools(String model) throws Exception {
        UPSTREAM.answer(SdkUpstream.answering(true));
        Map<Long, String[]> calls = new TreeMap<>();
        List<String> finish = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(toolParams(model))) {
            s.stream().forEach(chunk -> {
                chunk.validate();
                assertThat(chunk.model()).isEqualTo(model);
                chunk.choices().forEach(ch -> {
                    ch.finishReason().ifPresent(f -> finish.add(f.asString()));
                    ch.delta().toolCalls().ifPresent(tcs -> tcs.forEach(tc -> {
                        String[] c = calls.computeIfAbsent(tc.index(), k -> new String[] {null, null, ""});
                        tc.id().ifPresent(id -> c[0] = id);
                        tc.function().ifPresent(f -> {
                            f.name().ifPresent(n -> c[1] = n);
                            f.arguments().ifPresent(a -> c[2] += a);
                        });
                    }));
                });
            });
        }
        assertThat(finish).containsExactly("tool_calls");
        assertThat(calls.keySet()).containsExactly(0L, 1L);
        assertThat(calls.get(0L)[1]).isEqualTo("lookup_tide");
        assertThat(calls.get(1L)[1]).isEqualTo("convert_speed");
        assertThat(calls.get(0L)[0]).isNotBlank().isNotEqualTo(calls.get(1L)[0]);
        assertThat(json(calls.get(0L)[2])).isEqualTo(TranslationMatrixTest.expectedArgs(0));
        assertThat(json(calls.get(1L)[2])).isEqualTo(TranslationMatrixTest.expectedArgs(1));
    }
}
