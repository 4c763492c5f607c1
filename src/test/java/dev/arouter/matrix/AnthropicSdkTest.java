package dev.arouter.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.ContentTooLargeException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.GatewayTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official anthropic-java SDK, unmodified, pointed at the gateway root: text, stream, tools and
 * streamed tools for a model of each upstream family must parse without error and carry the
 * upstream's content, and the gateway's own refusals must parse as the SDK's errors.
 */
class AnthropicSdkTest extends GatewayTestBase {

    AnthropicClient client;

    @BeforeEach
    void sdk() throws Exception {
        client = AnthropicOkHttpClient.builder().baseUrl(url("")).apiKey(clientKey()).maxRetries(0).build();
    }

    private static MessageCreateParams.Builder base(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(300)
                .system("You are a terse assistant for a maritime museum.")
                .addUserMessage("Why do lighthouses use different flash patterns?");
    }

    private static MessageCreateParams withTools(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(400)
                .system("You help harbour pilots plan departures.")
                .addUserMessage("When is high tide at Port Blanchet on 2025-03-15, and what is 14 knots in km/h?")
                .addTool(Tool.builder().name("lookup_tide").description("Tide times for one harbour on one date.")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("harbour", Map.of("type", "string"), "date", Map.of("type", "string"))))
                                .required(List.of("harbour", "date")).build()).build())
                .addTool(Tool.builder().name("convert_speed").description("Convert a speed.")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("value", Map.of("type", "number"),
                                        "from_unit", Map.of("type", "string"), "to_unit", Map.of("type", "string"))))
                                .required(List.of("value", "from_unit", "to_unit")).build()).build())
                .build();
    }

    /** The gateway refuses a body over its limit before any route reads it; the SDK still parses that error as its own. */
    @Test
    void aBodyOverTheGatewaysLimitIsTheSdksContentTooLargeWithTheGatewaysMessage() throws Exception {
        ContentTooLargeException e = catchThrowableOfType(ContentTooLargeException.class, () -> client.messages()
                .create(MessageCreateParams.builder().model("openai/gpt-5.4").maxTokens(10)
                        .addUserMessage("x".repeat(1_100_000)).build()));
        assertThat(e).as("the SDK's exception for a 413").isNotNull();
        assertThat(e.statusCode()).isEqualTo(413);
        assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("larger than the gateway's limit"));
        JsonNode body = json(ObjectMappers.jsonMapper().writeValueAsString(e.body()));
        assertThat(body.path("type").asText()).as("Anthropic's shape").isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("request_too_large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai/gpt-5.4", "anthropic/claude-sonnet-4.6", "google/gemini-2.5-flash"})
    void text(String model) {
        UPSTREAM.answer(SdkUpstream.answering(false));
        Message m = client.messages().create(base(model).build());
        m.validate();
        assertThat(m.model().asString()).isEqualTo(model);
        assertThat(text(m)).isEqualTo(SdkUpstream.TEXT);
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().outputTokens()).isPositive();
        assertThat(m.usage().inputTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai/gpt-5.4", "anthropic/claude-sonnet-4.6", "google/gemini-2.5-flash"})
    void stream(String model) {
        UPSTREAM.answer(SdkUpstream.answering(false));
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(base(model).build())) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        m.validate();
        assertThat(m.model().asString()).isEqualTo(model);
        assertThat(text(m)).isEqualTo(SdkUpstream.TEXT);
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().outputTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai/gpt-5.4", "anthropic/claude-sonnet-4.6", "google/gemini-2.5-flash"})
    void tools(String model) throws Exception {
        UPSTREAM.answer(SdkUpstream.answering(true));
        Message m = client.messages().create(withTools(model));
        m.validate();
        assertThat(m.model().asString()).isEqualTo(model);
        assertToolCalls(m, SdkUpstream.toolText(model, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai/gpt-5.4", "anthropic/claude-sonnet-4.6", "google/gemini-2.5-flash"})
    void streamedTools(String model) throws Exception {
        UPSTREAM.answer(SdkUpstream.answering(true));
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(withTools(model))) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        m.validate();
        assertThat(m.model().asString()).isEqualTo(model);
        assertToolCalls(m, SdkUpstream.toolText(model, true));
    }

    private static void assertToolCalls(Message m, String expectedText) throws Exception {
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(text(m)).isEqualTo(expectedText);
        List<ToolUseBlock> calls = m.content().stream().flatMap(b -> b.toolUse().stream()).toList();
        assertThat(calls).extracting(ToolUseBlock::name).containsExactly("lookup_tide", "convert_speed");
        assertThat(calls).extracting(ToolUseBlock::id).allSatisfy(id -> assertThat(id).matches("^[a-zA-Z0-9_-]+$")).doesNotHaveDuplicates();
        assertThat(args(calls.get(0))).isEqualTo(TranslationMatrixTest.expectedArgs(0));
        assertThat(args(calls.get(1))).isEqualTo(TranslationMatrixTest.expectedArgs(1));
    }

    private static JsonNode args(ToolUseBlock b) throws Exception {
        return ObjectMappers.jsonMapper().readTree(ObjectMappers.jsonMapper().writeValueAsString(b._input()));
    }

    private static String text(Message m) {
        StringBuilder sb = new StringBuilder();
        for (ContentBlock b : m.content()) b.text().ifPresent(t -> sb.append(t.text()));
        return sb.toString();
    }
}
