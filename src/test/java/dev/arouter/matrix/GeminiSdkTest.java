package dev.arouter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Tool;
import dev.arouter.testing.GatewayTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * The official google-genai SDK, unmodified, with HttpOptions.baseUrl = the gateway root: text,
 * stream, tools and streamed tools for a model of each upstream family must parse without error.
 * The model is the public catalog id (the SDK puts it into the path after "models/").
 */
class GeminiSdkTest extends GatewayTestBase {

    Client client;

    /**
     * "default": HttpOptions with only baseUrl, as a user would write it (google-genai 2.1.0 then
     * calls /v1/models/...); "v1beta": the same with apiVersion("v1beta") set explicitly.
     */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String v : List.of("default", "v1beta"))
            for (String m : List.of("openai/gpt-5.4", "anthropic/claude-sonnet-4.6", "google/gemini-2.5-flash"))
                out.add(Arguments.of(m, v));
        return out.stream();
    }

    void sdk(String apiVersion) throws Exception {
        HttpOptions.Builder o = HttpOptions.builder().baseUrl(url(""));
        if (!apiVersion.equals("default")) o.apiVersion(apiVersion);
        client = Client.builder().apiKey(clientKey()).httpOptions(o.build()).build();
    }

    @AfterEach
    void close() {
        if (client != null) client.close();
    }

    private static GenerateContentConfig config() {
        return GenerateContentConfig.builder().maxOutputTokens(200)
                .systemInstruction(Content.fromParts(Part.fromText("You are a terse assistant for a maritime museum."))).build();
    }

    private static GenerateContentConfig toolConfig() {
        return GenerateContentConfig.builder().maxOutputTokens(400)
                .systemInstruction(Content.fromParts(Part.fromText("You help harbour pilots plan departures.")))
                .tools(Tool.builder().functionDeclarations(
                        FunctionDeclaration.builder().name("lookup_tide").description("Tide times for one harbour on one date.")
                                .parametersJsonSchema(Map.of("type", "object", "properties",
                                        Map.of("harbour", Map.of("type", "string"), "date", Map.of("type", "string")),
                                        "required", List.of("harbour", "date"))).build(),
                        FunctionDeclaration.builder().name("convert_speed").description("Convert a speed.")
                                .parametersJsonSchema(Map.of("type", "object", "properties",
                                        Map.of("value", Map.of("type", "number"), "from_unit", Map.of("type", "string"),
                                                "to_unit", Map.of("type", "string")),
                                        "required", List.of("value", "from_unit", "to_unit"))).build()).build())
                .build();
    }

    static final String TOOLS_PROMPT = "When is high tide at Port Blanchet on 2025-03-15, and what is 14 knots in km/h?";

    @ParameterizedTest(name = "{0} (api version {1})")
    @MethodSource("cases")
    void text(String model, String apiVersion) throws Exception {
        sdk(apiVersion);
        UPSTREAM.answer(SdkUpstream.answering(false));
        GenerateContentResponse r = client.models.generateContent(model, "Why do lighthouses use different flash patterns?", config());
        assertThat(r.modelVersion()).contains(model);
        assertThat(r.text()).isEqualTo(SdkUpstream.TEXT);
        assertThat(r.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(r.usageMetadata().orElseThrow().promptTokenCount().orElse(0)).isPositive();
        assertThat(r.usageMetadata().orElseThrow().candidatesTokenCount().orElse(0)).isPositive();
    }

    @ParameterizedTest(name = "{0} (api version {1})")
    @MethodSource("cases")
    void stream(String model, String apiVersion) throws Exception {
        sdk(apiVersion);
        UPSTREAM.answer(SdkUpstream.answering(false));
        StringBuilder text = new StringBuilder();
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> s = client.models.generateContentStream(
                model, "Why do lighthouses use different flash patterns?", config())) {
            for (GenerateContentResponse c : s) {
                chunks.add(c);
                if (c.text() != null) text.append(c.text());
            }
        }
        assertThat(chunks).isNotEmpty();
        assertThat(chunks).allSatisfy(c -> assertThat(c.modelVersion()).contains(model));
        assertThat(text.toString()).isEqualTo(SdkUpstream.TEXT);
        GenerateContentResponse last = chunks.get(chunks.size() - 1);
        assertThat(last.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(last.usageMetadata().orElseThrow().candidatesTokenCount().orElse(0)).isPositive();
    }

    @ParameterizedTest(name = "{0} (api version {1})")
    @MethodSource("cases")
    void tools(String model, String apiVersion) throws Exception {
        sdk(apiVersion);
        UPSTREAM.answer(SdkUpstream.answering(true));
        GenerateContentResponse r = client.models.generateContent(model, TOOLS_PROMPT, toolConfig());
        assertThat(r.modelVersion()).contains(model);
        assertThat(r.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertCalls(r.functionCalls());
    }

    @ParameterizedTest(name = "{0} (api version {1})")
    @MethodSource("cases")
    void streamedTools(String model, String apiVersion) throws Exception {
        sdk(apiVersion);
        UPSTREAM.answer(SdkUpstream.answering(true));
        List<FunctionCall> calls = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (ResponseStream<GenerateContentResponse> s = client.models.generateContentStream(model, TOOLS_PROMPT, toolConfig())) {
            for (GenerateContentResponse c : s) {
                assertThat(c.modelVersion()).contains(model);
                if (c.functionCalls() != null) calls.addAll(c.functionCalls());
                c.candidates().orElse(List.of()).forEach(cand -> cand.content().flatMap(Content::parts).orElse(List.of())
                        .forEach(p -> p.text().ifPresent(text::append)));
            }
        }
        assertThat(text.toString()).isEqualTo(SdkUpstream.toolText(model, true));
        assertCalls(calls);
    }

    private static void assertCalls(List<FunctionCall> calls) {
        assertThat(calls).isNotNull();
        assertThat(calls).extracting(c -> c.name().orElse(null)).containsExactly("lookup_tide", "convert_speed");
        JsonNode a0 = JSON.valueToTree(calls.get(0).args().orElseThrow());
        JsonNode a1 = JSON.valueToTree(calls.get(1).args().orElseThrow());
        assertThat(a0).isEqualTo(TranslationMatrixTest.expectedArgs(0));
        assertThat(a1.get("from_unit").asText()).isEqualTo("kn");
        assertThat(a1.get("to_unit").asText()).isEqualTo("km/h");
        assertThat(a1.get("value").asDouble()).isEqualTo(14.0);
    }
}
