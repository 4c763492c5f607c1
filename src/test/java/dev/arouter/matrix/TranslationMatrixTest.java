package dev.arouter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-format conformance matrix: every ingress format (OpenAI Chat Completions, Anthropic
 * Messages, Gemini generateContent) × every upstream family × every scenario, through the running
 * gateway with the mock upstream answering in the upstream family's exact wire format (the
 * fixtures). Each cell checks (1) that the request the gateway sent is valid for the upstream
 * family and carries the client's content, and (2) that the client gets a response in its own
 * format with the upstream's content, finish reason, tool calls and usage mapped. See
 * docs/TRANSLATION-MATRIX.md.
 */
class TranslationMatrixTest extends GatewayTestBase {

    enum Fam { OPENAI, ANTHROPIC, GEMINI }

    enum Scenario { TEXT, STREAM, TOOLS, STREAM_TOOLS, IMAGE, PDF, MEDIA_REF, ERROR }

    static final Map<Fam, String> MODEL = Map.of(
            Fam.OPENAI, "openai/gpt-5.4",
            Fam.ANTHROPIC, "anthropic/claude-sonnet-4.6",
            Fam.GEMINI, "google/gemini-2.5-flash");

    static final String TEXT = "Each lighthouse blinks its own rhythm so navigators can tell one light from the next "
            + "after dark. That rhythm, called the light's characteristic, is printed on every nautical chart.";
    static final String PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQi+oBAAGeAQUPLwv6AAAAAElFTkSuQmCC";
    static final String PDF_PREFIX = "JVBERi0xLjQK";
    static final String SYSTEM_TEXT = "You are a terse assistant for a maritime museum.";
    static final String SYSTEM_TOOLS = "You help harbour pilots plan departures.";
    static final List<String> TOOL_NAMES = List.of("lookup_tide", "convert_speed");

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Fam in : Fam.values())
            for (Fam up : Fam.values())
                for (Scenario s : Scenario.values()) out.add(Arguments.of(in, up, s));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client -> {1} upstream: {2}")
    @MethodSource("cells")
    void cell(Fam ingress, Fam upstream, Scenario scenario) throws Exception {
        String model = MODEL.get(upstream);
        ClientCall call = clientRequest(ingress, scenario, model);
        Expect expect = Expect.of(upstream, scenario);
        UPSTREAM.answer(r -> upstreamReply(upstream, scenario));

        HttpResponse<String> res = send(call);
        String ctx = ingress + "->" + upstream + " " + scenario + ": " + res.statusCode() + " " + abbreviate(res.body());

        if (scenario == Scenario.MEDIA_REF && ingress != upstream) {
            // a provider-private file handle / an un-inlinable URL cannot be expressed upstream:
            // documented handling is a 400 in the caller's format, and nothing is sent upstream
            assertError(ingress, res, 400, ctx);
            assertThat(UPSTREAM.received).as(ctx + " (upstream must not be called)").isEmpty();
            return;
        }

        // (1) what the gateway sent upstream
        MockUpstream.Received sent = UPSTREAM.last();
        assertThat(sent).as(ctx + " (no upstream request)").isNotNull();
        validateUpstreamRequest(upstream, scenario, call, sent, ctx);

        // (2) what the client got
        if (scenario == Scenario.ERROR) {
            assertMappedError(ingress, upstream, res, ctx);
            return;
        }
        assertThat(res.statusCode()).as(ctx).isEqualTo(200);
        boolean streaming = scenario == Scenario.STREAM || scenario == Scenario.STREAM_TOOLS;
        Result got = switch (ingress) {
            case OPENAI -> streaming ? openAiStream(res, model, ctx) : openAiJson(res, model, ctx);
            case ANTHROPIC -> streaming ? anthropicStream(res, model, ctx) : anthropicJson(res, model, ctx);
            case GEMINI -> streaming ? geminiStream(res, model, ctx) : geminiJson(res, model, ctx);
        };
        assertThat(got.text).as(ctx + " text").isEqualTo(expect.text);
        assertThat(got.finish).as(ctx + " finish reason").isEqualTo(finish(ingress, expect.tools));
        assertThat(got.calls).as(ctx + " tool calls").hasSize(expect.tools ? 2 : 0);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < got.calls.size(); i++) {
            Call c = got.calls.get(i);
            assertThat(c.name).as(ctx + " tool name " + i).isEqualTo(TOOL_NAMES.get(i));
            assertThat(c.args).as(ctx + " tool args " + i).isEqualTo(expectedArgs(i));
            if (ingress != Fam.GEMINI) { // Gemini clients do not need ids; OpenAI/Anthropic clients do
                assertThat(c.id).as(ctx + " tool id " + i).isNotBlank().matches("^[a-zA-Z0-9_-]+$");
                assertThat(ids.add(c.id)).as(ctx + " distinct tool ids").isTrue();
                if (expect.ids != null) assertThat(c.id).as(ctx + " upstream tool id kept").isEqualTo(expect.ids.get(i));
            }
        }
        assertUsage(ingress, got.usage, expect, ctx);

        // the usage row (billing) has the upstream's numbers, counted once, under the public id
        String requestId = res.headers().firstValue("X-Request-Id").orElse(null);
        assertThat(requestId).as(ctx + " X-Request-Id").isNotBlank();
        Map<String, Object> row = usageRow(requestId);
        assertThat(row.get("model_used")).as(ctx + " usage row model").isEqualTo(model);
        assertThat(((Number) row.get("prompt_tokens")).longValue()).as(ctx + " usage row prompt").isEqualTo(expect.prompt);
        assertThat(((Number) row.get("completion_tokens")).longValue()).as(ctx + " usage row completion").isEqualTo(expect.completion);
        assertThat(((Number) row.get("cached_tokens")).longValue()).as(ctx + " usage row cached").isEqualTo(expect.cached);
        assertThat(row.get("stream")).as(ctx + " usage row stream").isEqualTo(streaming);
    }

    // ------------------------------------------------------------------ client requests

    record ClientCall(Fam ingress, String path, Map<String, String> headers, JsonNode body,
            String userText, String systemText, Integer maxTokens, boolean stream, Scenario scenario) {
    }

    ClientCall clientRequest(Fam in, Scenario s, String model) throws Exception {
        String key = clientKey();
        boolean stream = s == Scenario.STREAM || s == Scenario.STREAM_TOOLS;
        boolean tools = s == Scenario.TOOLS || s == Scenario.STREAM_TOOLS;
        return switch (in) {
            case OPENAI -> {
                ObjectNode b = (ObjectNode) json(Fixtures.text(switch (s) {
                    case STREAM -> "openai/chat-stream-text.request.json";
                    case TOOLS -> "openai/chat-tools.request.json";
                    case STREAM_TOOLS -> "openai/chat-stream-tools.request.json";
                    case IMAGE, PDF, MEDIA_REF -> "openai/chat-image.request.json";
                    default -> "openai/chat-text.request.json";
                }));
                b.put("model", model);
                if (s == Scenario.IMAGE || s == Scenario.PDF || s == Scenario.MEDIA_REF) {
                    ArrayNode parts = (ArrayNode) b.at("/messages/0/content");
                    ArrayNode keep = JSON.createArrayNode().add(parts.get(0));
                    if (s == Scenario.IMAGE) keep.add(parts.get(2)); // the data-URL PNG
                    if (s == Scenario.PDF) keep.add(parts.get(3)); // the base64 PDF file part
                    if (s == Scenario.MEDIA_REF) keep.addObject().put("type", "file").putObject("file")
                            .put("file_id", "file-6F2ksmvXxt4VdoqmHRw6kL"); // an OpenAI-side file handle
                    ((ObjectNode) b.at("/messages/0")).set("content", keep);
                }
                String user = userText(b.get("messages"));
                String system = s == Scenario.TEXT || s == Scenario.STREAM || s == Scenario.ERROR ? SYSTEM_TEXT
                        : tools ? SYSTEM_TOOLS : null;
                Integer max = b.has("max_completion_tokens") ? b.get("max_completion_tokens").asInt() : null;
                yield new ClientCall(in, "/v1/chat/completions", Map.of("Authorization", "Bearer " + key), b,
                        user, system, max, stream, s);
            }
            case ANTHROPIC -> {
                ObjectNode b = (ObjectNode) json(Fixtures.text(switch (s) {
                    case STREAM -> "anthropic/messages-stream-text.request.json";
                    case TOOLS -> "anthropic/messages-tools.request.json";
                    case STREAM_TOOLS -> "anthropic/messages-stream-tools.request.json";
                    case IMAGE, PDF, MEDIA_REF -> "anthropic/messages-image.request.json";
                    default -> "anthropic/messages-text.request.json";
                }));
                b.put("model", model);
                if (s == Scenario.IMAGE || s == Scenario.PDF || s == Scenario.MEDIA_REF) {
                    ArrayNode blocks = (ArrayNode) b.at("/messages/0/content");
                    ArrayNode keep = JSON.createArrayNode();
                    keep.add(blocks.get(s == Scenario.IMAGE ? 1 : s == Scenario.PDF ? 2 : 3)); // base64 PNG / base64 PDF / PDF by URL
                    keep.add(blocks.get(4));
                    ((ObjectNode) b.at("/messages/0")).set("content", keep);
                }
                String system = s == Scenario.TEXT || s == Scenario.STREAM || s == Scenario.ERROR ? SYSTEM_TEXT
                        : tools ? SYSTEM_TOOLS : null;
                // both header styles the Anthropic SDKs use
                Map<String, String> h = s.ordinal() % 2 == 0
                        ? Map.of("x-api-key", key, "anthropic-version", "2023-06-01")
                        : Map.of("Authorization", "Bearer " + key, "anthropic-version", "2023-06-01");
                yield new ClientCall(in, "/v1/messages", h, b, userText(b.get("messages")), system,
                        b.get("max_tokens").asInt(), stream, s);
            }
            case GEMINI -> {
                ObjectNode b = (ObjectNode) json(Fixtures.text(switch (s) {
                    case STREAM -> "gemini/stream-text.request.json";
                    case TOOLS -> "gemini/generate-tools.request.json";
                    case STREAM_TOOLS -> "gemini/stream-tools.request.json";
                    case IMAGE, PDF, MEDIA_REF -> "gemini/generate-image.request.json";
                    default -> "gemini/generate-text.request.json";
                }));
                if (s == Scenario.IMAGE || s == Scenario.PDF || s == Scenario.MEDIA_REF) {
                    ArrayNode parts = (ArrayNode) b.at("/contents/0/parts");
                    ArrayNode keep = JSON.createArrayNode().add(parts.get(0));
                    keep.add(parts.get(s == Scenario.IMAGE ? 1 : s == Scenario.PDF ? 3 : 2)); // PNG / PDF inline / Files-API fileData
                    ((ObjectNode) b.at("/contents/0")).set("parts", keep);
                }
                // both spellings of the catalog id in the path: raw slash and %2F-encoded
                String id = s == Scenario.STREAM || s == Scenario.PDF || s == Scenario.STREAM_TOOLS
                        ? model.replace("/", "%2F") : model;
                String path = "/v1beta/models/" + id + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
                Map<String, String> h = Map.of("x-goog-api-key", key);
                if (s == Scenario.STREAM_TOOLS || s == Scenario.PDF) { // key in the query instead
                    path += (path.contains("?") ? "&" : "?") + "key=" + key;
                    h = Map.of();
                }
                String system = s == Scenario.TEXT || s == Scenario.STREAM || s == Scenario.ERROR ? SYSTEM_TEXT
                        : tools ? SYSTEM_TOOLS : null;
                Integer max = b.at("/generationConfig/maxOutputTokens").isMissingNode() ? null
                        : b.at("/generationConfig/maxOutputTokens").asInt();
                yield new ClientCall(in, path, h, b, b.at("/contents/0/parts/0/text").asText(), system, max, stream, s);
            }
        };
    }

    private static String userText(JsonNode messages) {
        for (JsonNode m : messages) {
            if (!m.path("role").asText().equals("user")) continue;
            JsonNode c = m.get("content");
            if (c.isTextual()) return c.asText();
            for (JsonNode p : c) if (p.path("type").asText().equals("text")) return p.get("text").asText();
        }
        throw new IllegalStateException("no user text");
    }

    HttpResponse<String> send(ClientCall c) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(c.path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(c.body)));
        c.headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------ upstream replies

    static MockUpstream.Reply upstreamReply(Fam up, Scenario s) {
        return switch (up) {
            case OPENAI -> switch (s) {
                case STREAM -> new MockUpstream.Sse(Fixtures.sseEvents("openai/chat-stream-text.sse").stream()
                        .map(e -> e.replace("\"cached_tokens\":0", "\"cached_tokens\":30")
                                .replace("\"reasoning_tokens\":0", "\"reasoning_tokens\":12")).toList(), 0);
                case TOOLS -> new MockUpstream.Json(200, Fixtures.text("openai/chat-tools.response.json"));
                case STREAM_TOOLS -> new MockUpstream.Sse(Fixtures.sseEvents("openai/chat-stream-tools.sse"), 0);
                case ERROR -> new MockUpstream.Json(429, Fixtures.text("openai/error-429.json"), Map.of("retry-after", "7"));
                default -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")
                        .replace("\"cached_tokens\": 0", "\"cached_tokens\": 30")
                        .replace("\"reasoning_tokens\": 0", "\"reasoning_tokens\": 12"));
            };
            case ANTHROPIC -> switch (s) {
                case STREAM -> new MockUpstream.Sse(Fixtures.sseEvents("anthropic/messages-stream-text.sse").stream()
                        .map(e -> e.replace("\"cache_read_input_tokens\":0", "\"cache_read_input_tokens\":20")).toList(), 0);
                case TOOLS -> new MockUpstream.Json(200, Fixtures.text("anthropic/messages-tools.response.json"));
                case STREAM_TOOLS -> new MockUpstream.Sse(Fixtures.sseEvents("anthropic/messages-stream-tools.sse"), 0);
                case ERROR -> new MockUpstream.Json(529, Fixtures.text("anthropic/error-529-overloaded.json"));
                default -> new MockUpstream.Json(200, Fixtures.text("anthropic/messages-text.response.json")
                        .replace("\"cache_read_input_tokens\": 0", "\"cache_read_input_tokens\": 20"));
            };
            case GEMINI -> switch (s) {
                case STREAM -> new MockUpstream.Sse(Fixtures.sseEvents("gemini/stream-text.sse").stream()
                        .map(e -> e.replace("\"promptTokenCount\": 27,", "\"promptTokenCount\": 27,\"cachedContentTokenCount\": 20,"))
                        .toList(), 0);
                case TOOLS -> new MockUpstream.Json(200, Fixtures.text("gemini/generate-tools.response.json"));
                case STREAM_TOOLS -> new MockUpstream.Sse(Fixtures.sseEvents("gemini/stream-tools.sse"), 0);
                case ERROR -> new MockUpstream.Json(400, Fixtures.text("gemini/error-400-api-key-invalid.json"));
                default -> new MockUpstream.Json(200, Fixtures.text("gemini/generate-text.response.json")
                        .replace("\"promptTokenCount\": 27,", "\"promptTokenCount\": 27,\n    \"cachedContentTokenCount\": 20,"));
            };
        };
    }

    /** What the upstream's fixture says, in neutral terms (prompt/completion = all tokens, OpenAI meaning). */
    record Expect(String text, boolean tools, List<String> ids, long prompt, long cached, long completion, long reasoning) {
        static Expect of(Fam up, Scenario s) {
            boolean tools = s == Scenario.TOOLS || s == Scenario.STREAM_TOOLS;
            String toolText = "I'll check the tide table and convert the speed.";
            return switch (up) {
                case OPENAI -> tools
                        ? new Expect("", true, List.of("call_7Qm2dVxN4bRf0LsKp9TeWy3A", "call_Lk9PzH1cJ6uQa8XoE2nVb5Rt"), 161, 0, 58, 0)
                        : new Expect(TEXT, false, null, 38, 30, 33, 12);
                case ANTHROPIC -> tools
                        ? new Expect(toolText, true, List.of("toolu_01A8xPq3VnR6tYc2LwZ9kHfE", "toolu_01Dm5KsT0gJb7QvX4yNc1RaU"), 688, 0, 143, 0)
                        : new Expect(TEXT, false, null, 61, 20, 36, 0);
                case GEMINI -> s == Scenario.TOOLS ? new Expect("", true, null, 142, 0, 41 + 96, 96)
                        : s == Scenario.STREAM_TOOLS ? new Expect(toolText, true, null, 142, 0, 52 + 96, 96)
                        : new Expect(TEXT, false, null, 27, 20, 33, 0);
            };
        }
    }

    static JsonNode expectedArgs(int i) {
        try {
            return json(i == 0 ? "{\"harbour\":\"Port Blanchet\",\"date\":\"2025-03-15\"}"
                    : "{\"value\":14,\"from_unit\":\"kn\",\"to_unit\":\"km/h\"}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String finish(Fam client, boolean tools) {
        return switch (client) {
            case OPENAI -> tools ? "tool_calls" : "stop";
            case ANTHROPIC -> tools ? "tool_use" : "end_turn";
            case GEMINI -> "STOP";
        };
    }

    // ------------------------------------------------------------------ upstream request validators

    void validateUpstreamRequest(Fam up, Scenario s, ClientCall c, MockUpstream.Received r, String ctx) throws Exception {
        String key = clientKey();
        assertThat(r.body()).as(ctx + " client key in upstream body").doesNotContain(key);
        assertThat(r.query()).as(ctx + " client key in upstream query").doesNotContain(key);
        r.headers().forEach((k, v) -> assertThat(String.join(",", v)).as(ctx + " client key in upstream header " + k).doesNotContain(key));
        assertThat(r.method()).as(ctx).isEqualTo("POST");
        JsonNode b = json(r.body());
        boolean tools = s == Scenario.TOOLS || s == Scenario.STREAM_TOOLS;
        String all = r.body();
        assertThat(all).as(ctx + " user text forwarded").contains(jsonEscaped(c.userText));
        switch (up) {
            case OPENAI -> {
                assertThat(r.path()).as(ctx + " path").isEqualTo("/v1/chat/completions");
                assertThat(r.header("Authorization")).as(ctx + " auth").isEqualTo("Bearer " + UPSTREAM_KEY);
                assertThat(b.path("model").asText()).as(ctx + " upstream model").isEqualTo("gpt-5.4");
                assertThat(b.path("messages").isArray()).as(ctx + " messages").isTrue();
                for (JsonNode m : b.get("messages"))
                    assertThat(m.path("role").asText()).as(ctx + " role").isIn("system", "developer", "user", "assistant", "tool");
                if (c.systemText != null) {
                    JsonNode first = b.get("messages").get(0);
                    assertThat(first.path("role").asText()).as(ctx + " system first").isIn("system", "developer");
                    assertThat(textOf(first.get("content"))).as(ctx + " system text").contains(c.systemText);
                }
                if (c.maxTokens != null)
                    assertThat(b.has("max_completion_tokens") ? b.get("max_completion_tokens").asInt() : b.path("max_tokens").asInt())
                            .as(ctx + " max tokens").isEqualTo(c.maxTokens);
                if (c.stream) {
                    assertThat(b.path("stream").asBoolean()).as(ctx + " stream").isTrue();
                    assertThat(b.at("/stream_options/include_usage").asBoolean()).as(ctx + " include_usage forced").isTrue();
                } else assertThat(b.path("stream").asBoolean(false)).as(ctx + " stream off").isFalse();
                if (tools) {
                    assertThat(b.path("tools")).as(ctx + " tools").hasSize(2);
                    for (int i = 0; i < 2; i++) {
                        JsonNode t = b.get("tools").get(i);
                        assertThat(t.path("type").asText()).as(ctx).isEqualTo("function");
                        assertThat(t.at("/function/name").asText()).as(ctx).isEqualTo(TOOL_NAMES.get(i));
                        assertThat(t.at("/function/parameters/type").asText().toLowerCase()).as(ctx + " parameters").isEqualTo("object");
                        assertThat(t.at("/function/parameters/properties").size()).as(ctx + " parameters.properties").isGreaterThan(0);
                    }
                }
                JsonNode parts = b.get("messages").get(b.get("messages").size() - 1).get("content");
                if (s == Scenario.IMAGE) {
                    assertThat(findPart(parts, "image_url")).as(ctx + " image_url part").isNotNull();
                    assertThat(findPart(parts, "image_url").at("/image_url/url").asText()).as(ctx)
                            .isEqualTo("data:image/png;base64," + PNG_B64);
                }
                if (s == Scenario.PDF) {
                    JsonNode f = findPart(parts, "file");
                    assertThat(f).as(ctx + " file part").isNotNull();
                    assertThat(f.at("/file/file_data").asText()).as(ctx).startsWith("data:application/pdf;base64," + PDF_PREFIX);
                }
                if (s == Scenario.MEDIA_REF)
                    assertThat(findPart(parts, "file").at("/file/file_id").asText()).as(ctx).isEqualTo("file-6F2ksmvXxt4VdoqmHRw6kL");
            }
            case ANTHROPIC -> {
                assertThat(r.path()).as(ctx + " path").isEqualTo("/v1/messages");
                assertThat(r.header("x-api-key")).as(ctx + " auth").isEqualTo(UPSTREAM_KEY);
                assertThat(r.header("anthropic-version")).as(ctx + " anthropic-version").isNotBlank();
                assertThat(b.path("model").asText()).as(ctx + " upstream model").isEqualTo("claude-sonnet-4-6");
                assertThat(b.path("max_tokens").isIntegralNumber()).as(ctx + " max_tokens required").isTrue();
                assertThat(b.get("max_tokens").asInt()).as(ctx + " max_tokens").isPositive();
                if (c.maxTokens != null) assertThat(b.get("max_tokens").asInt()).as(ctx + " max_tokens kept").isEqualTo(c.maxTokens);
                if (b.has("temperature")) assertThat(b.get("temperature").asDouble()).as(ctx + " temperature").isBetween(0.0, 1.0);
                JsonNode msgs = b.path("messages");
                assertThat(msgs.isArray() && !msgs.isEmpty()).as(ctx + " messages").isTrue();
                assertThat(msgs.get(0).path("role").asText()).as(ctx + " first role").isEqualTo("user");
                for (JsonNode m : msgs) {
                    assertThat(m.path("role").asText()).as(ctx + " role").isIn("user", "assistant");
                    JsonNode content = m.get("content");
                    assertThat(content).as(ctx + " content").isNotNull();
                    if (content.isArray()) for (JsonNode blk : content) {
                        assertThat(blk.path("type").asText()).as(ctx + " block type").isIn("text", "image", "document", "tool_use", "tool_result", "thinking");
                        if (blk.path("type").asText().equals("text")) assertThat(blk.path("text").asText()).as(ctx + " empty text block").isNotEmpty();
                        if (blk.path("type").asText().equals("tool_result")) assertThat(m.path("role").asText()).as(ctx).isEqualTo("user");
                    }
                }
                if (c.systemText != null) assertThat(textOf(b.get("system"))).as(ctx + " top-level system").contains(c.systemText);
                if (c.stream) assertThat(b.path("stream").asBoolean()).as(ctx + " stream").isTrue();
                else assertThat(b.path("stream").asBoolean(false)).as(ctx + " stream off").isFalse();
                if (tools) {
                    assertThat(b.path("tools")).as(ctx + " tools").hasSize(2);
                    for (int i = 0; i < 2; i++) {
                        JsonNode t = b.get("tools").get(i);
                        assertThat(t.path("name").asText()).as(ctx).isEqualTo(TOOL_NAMES.get(i));
                        assertThat(t.at("/input_schema/type").asText()).as(ctx + " input_schema.type").isEqualTo("object");
                        assertThat(t.at("/input_schema/properties").size()).as(ctx + " input_schema.properties").isGreaterThan(0);
                        assertThat(t.has("function") || t.has("parameters")).as(ctx + " foreign tool keys").isFalse();
                    }
                    if (b.has("tool_choice")) assertThat(b.at("/tool_choice/type").asText()).as(ctx + " tool_choice").isEqualTo("auto");
                }
                JsonNode content = msgs.get(msgs.size() - 1).get("content");
                if (s == Scenario.IMAGE) {
                    JsonNode img = findPart(content, "image");
                    assertThat(img).as(ctx + " image block").isNotNull();
                    assertThat(img.at("/source/type").asText()).as(ctx).isEqualTo("base64");
                    assertThat(img.at("/source/media_type").asText()).as(ctx).isEqualTo("image/png");
                    assertThat(img.at("/source/data").asText()).as(ctx).isEqualTo(PNG_B64);
                }
                if (s == Scenario.PDF) {
                    JsonNode doc = findPart(content, "document");
                    assertThat(doc).as(ctx + " document block").isNotNull();
                    assertThat(doc.at("/source/type").asText()).as(ctx).isEqualTo("base64");
                    assertThat(doc.at("/source/media_type").asText()).as(ctx).isEqualTo("application/pdf");
                    assertThat(doc.at("/source/data").asText()).as(ctx).startsWith(PDF_PREFIX);
                }
                if (s == Scenario.MEDIA_REF)
                    assertThat(findPart(content, "document").at("/source/url").asText()).as(ctx)
                            .isEqualTo("https://docs.example.org/notices/notice-to-mariners-0312.pdf");
            }
            case GEMINI -> {
                assertThat(r.path()).as(ctx + " path").isEqualTo("/v1beta/models/gemini-2.5-flash"
                        + (c.stream ? ":streamGenerateContent" : ":generateContent"));
                if (c.stream) assertThat(r.query()).as(ctx + " alt=sse").contains("alt=sse");
                assertThat(r.header("x-goog-api-key")).as(ctx + " auth").isEqualTo(UPSTREAM_KEY);
                assertThat(b.has("model") || b.has("messages")).as(ctx + " foreign keys").isFalse();
                JsonNode contents = b.path("contents");
                assertThat(contents.isArray() && !contents.isEmpty()).as(ctx + " contents").isTrue();
                for (JsonNode m : contents) {
                    assertThat(m.path("role").asText()).as(ctx + " role").isIn("user", "model");
                    assertThat(m.path("parts").size()).as(ctx + " parts").isPositive();
                }
                if (c.systemText != null)
                    assertThat(textOf(b.at("/systemInstruction/parts"))).as(ctx + " systemInstruction").contains(c.systemText);
                else assertThat(all).as(ctx).doesNotContain("\"role\":\"system\"");
                if (c.maxTokens != null)
                    assertThat(b.at("/generationConfig/maxOutputTokens").asInt()).as(ctx + " maxOutputTokens").isEqualTo(c.maxTokens);
                if (tools) {
                    List<JsonNode> decls = new ArrayList<>();
                    for (JsonNode t : b.path("tools")) t.path("functionDeclarations").forEach(decls::add);
                    assertThat(decls).as(ctx + " functionDeclarations").hasSize(2);
                    for (int i = 0; i < 2; i++) {
                        JsonNode d = decls.get(i);
                        assertThat(d.path("name").asText()).as(ctx).isEqualTo(TOOL_NAMES.get(i));
                        JsonNode schema = d.has("parametersJsonSchema") ? d.get("parametersJsonSchema") : d.get("parameters");
                        assertThat(schema).as(ctx + " parameters").isNotNull();
                        assertThat(schema.path("type").asText().toLowerCase()).as(ctx).isEqualTo("object");
                        if (d.has("parameters") && !d.has("parametersJsonSchema"))
                            assertThat(schema.toString()).as(ctx + " OpenAPI-subset parameters").doesNotContain("additionalProperties");
                    }
                }
                JsonNode parts = contents.get(contents.size() - 1).get("parts");
                if (s == Scenario.IMAGE) {
                    JsonNode p = findKey(parts, "inlineData");
                    assertThat(p).as(ctx + " inlineData").isNotNull();
                    assertThat(p.at("/inlineData/mimeType").asText()).as(ctx).isEqualTo("image/png");
                    assertThat(p.at("/inlineData/data").asText()).as(ctx).isEqualTo(PNG_B64);
                }
                if (s == Scenario.PDF) {
                    JsonNode p = findKey(parts, "inlineData");
                    assertThat(p).as(ctx + " inlineData").isNotNull();
                    assertThat(p.at("/inlineData/mimeType").asText()).as(ctx).isEqualTo("application/pdf");
                    assertThat(p.at("/inlineData/data").asText()).as(ctx).startsWith(PDF_PREFIX);
                }
                if (s == Scenario.MEDIA_REF)
                    assertThat(findKey(parts, "fileData").at("/fileData/fileUri").asText()).as(ctx)
                            .isEqualTo("https://generativelanguage.googleapis.com/v1beta/files/7rq2kx9wd1mz");
            }
        }
    }

    private static String jsonEscaped(String s) {
        return JSON.getNodeFactory().textNode(s).toString().replaceAll("^\"|\"$", "");
    }

    private static String textOf(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) return "";
        if (n.isTextual()) return n.asText();
        StringBuilder sb = new StringBuilder();
        for (JsonNode p : n) if (p.has("text")) sb.append(p.get("text").asText()).append('\n');
        return sb.toString();
    }

    private static JsonNode findPart(JsonNode parts, String type) {
        if (parts != null && parts.isArray()) for (JsonNode p : parts) if (p.path("type").asText().equals(type)) return p;
        return null;
    }

    private static JsonNode findKey(JsonNode parts, String key) {
        if (parts != null && parts.isArray()) for (JsonNode p : parts) if (p.has(key)) return p;
        return null;
    }

    // ------------------------------------------------------------------ client response readers

    record Call(String id, String name, JsonNode args) {
    }

    /** Usage in the client's own terms; absent fields are null. */
    record Result(String text, String finish, List<Call> calls, Map<String, Long> usage) {
    }

    Result openAiJson(HttpResponse<String> res, String model, String ctx) throws Exception {
        assertThat(res.headers().firstValue("Content-Type").orElse("")).as(ctx).startsWith("application/json");
        JsonNode b = json(res.body());
        assertThat(b.path("object").asText()).as(ctx).isEqualTo("chat.completion");
        assertThat(b.path("model").asText()).as(ctx + " model").isEqualTo(model);
        assertThat(b.path("id").asText()).as(ctx + " id").isNotBlank();
        assertThat(b.path("choices")).as(ctx + " choices").hasSize(1);
        JsonNode msg = b.at("/choices/0/message");
        assertThat(msg.path("role").asText()).as(ctx).isEqualTo("assistant");
        List<Call> calls = new ArrayList<>();
        for (JsonNode tc : msg.path("tool_calls")) {
            assertThat(tc.path("type").asText()).as(ctx).isEqualTo("function");
            assertThat(tc.at("/function/arguments").isTextual()).as(ctx + " arguments must be a JSON string").isTrue();
            calls.add(new Call(tc.path("id").asText(null), tc.at("/function/name").asText(), json(tc.at("/function/arguments").asText())));
        }
        return new Result(msg.path("content").isNull() ? "" : msg.path("content").asText(""),
                b.at("/choices/0/finish_reason").asText(null), calls, openAiUsage(b.get("usage")));
    }

    private static Map<String, Long> openAiUsage(JsonNode u) {
        Map<String, Long> m = new TreeMap<>();
        if (u == null || u.isNull()) return m;
        put(m, "prompt", u.get("prompt_tokens"));
        put(m, "completion", u.get("completion_tokens"));
        put(m, "total", u.get("total_tokens"));
        put(m, "cached", u.at("/prompt_tokens_details/cached_tokens"));
        put(m, "reasoning", u.at("/completion_tokens_details/reasoning_tokens"));
        return m;
    }

    private static void put(Map<String, Long> m, String k, JsonNode v) {
        if (v != null && v.isNumber()) m.put(k, v.asLong());
    }

    Result openAiStream(HttpResponse<String> res, String model, String ctx) throws Exception {
        assertThat(res.headers().firstValue("Content-Type").orElse("")).as(ctx).startsWith("text/event-stream");
        List<String[]> events = sse(res.body());
        assertThat(events).as(ctx + " events").isNotEmpty();
        assertThat(events.get(events.size() - 1)[1]).as(ctx + " ends with [DONE]").isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        String finish = null;
        Map<Integer, String[]> tools = new TreeMap<>(); // index -> id, name, args
        Map<String, Long> usage = new TreeMap<>();
        for (int i = 0; i < events.size() - 1; i++) {
            String data = events.get(i)[1];
            assertThat(data).as(ctx + " only the last event is [DONE]").isNotEqualTo("[DONE]");
            JsonNode c = json(data);
            assertThat(c.has("error")).as(ctx + " in-stream error " + data).isFalse();
            assertThat(c.path("object").asText()).as(ctx).isEqualTo("chat.completion.chunk");
            assertThat(c.path("model").asText()).as(ctx + " chunk model").isEqualTo(model);
            if (c.hasNonNull("usage")) usage = openAiUsage(c.get("usage"));
            for (JsonNode ch : c.path("choices")) {
                JsonNode d = ch.path("delta");
                if (d.hasNonNull("content")) text.append(d.get("content").asText());
                for (JsonNode tc : d.path("tool_calls")) {
                    int idx = tc.path("index").asInt(-1);
                    assertThat(idx).as(ctx + " tool_call index").isGreaterThanOrEqualTo(0);
                    String[] t = tools.computeIfAbsent(idx, k -> new String[] {null, null, ""});
                    if (tc.hasNonNull("id")) t[0] = tc.get("id").asText();
                    if (tc.at("/function/name").isTextual()) t[1] = tc.at("/function/name").asText();
                    if (tc.at("/function/arguments").isTextual()) t[2] += tc.at("/function/arguments").asText();
                }
                if (ch.hasNonNull("finish_reason")) finish = ch.get("finish_reason").asText();
            }
        }
        List<Call> calls = new ArrayList<>();
        for (var e : tools.entrySet()) calls.add(new Call(e.getValue()[0], e.getValue()[1], json(e.getValue()[2])));
        assertThat(tools.keySet()).as(ctx + " tool indexes count tool calls only").isEqualTo(
                new java.util.TreeSet<>(java.util.stream.IntStream.range(0, tools.size()).boxed().toList()));
        return new Result(text.toString(), finish, calls, usage);
    }

    Result anthropicJson(HttpResponse<String> res, String model, String ctx) throws Exception {
        assertThat(res.headers().firstValue("Content-Type").orElse("")).as(ctx).startsWith("application/json");
        JsonNode b = json(res.body());
        assertThat(b.path("type").asText()).as(ctx).isEqualTo("message");
        assertThat(b.path("role").asText()).as(ctx).isEqualTo("assistant");
        assertThat(b.path("model").asText()).as(ctx + " model").isEqualTo(model);
        assertThat(b.path("id").asText()).as(ctx + " id").isNotBlank();
        StringBuilder text = new StringBuilder();
        List<Call> calls = new ArrayList<>();
        for (JsonNode blk : b.path("content")) {
            switch (blk.path("type").asText()) {
                case "text" -> {
                    assertThat(blk.path("text").asText()).as(ctx + " empty text block").isNotEmpty();
                    text.append(blk.get("text").asText());
                }
                case "tool_use" -> {
                    assertThat(blk.path("input").isObject()).as(ctx + " tool_use.input object").isTrue();
                    calls.add(new Call(blk.path("id").asText(null), blk.path("name").asText(), blk.get("input")));
                }
                default -> throw new AssertionError(ctx + " unexpected block " + blk);
            }
        }
        return new Result(text.toString(), b.path("stop_reason").asText(null), calls, anthropicUsage(b.get("usage"), null));
    }

    private static Map<String, Long> anthropicUsage(JsonNode start, JsonNode delta) {
        Map<String, Long> m = new TreeMap<>();
        for (JsonNode u : new JsonNode[] {start, delta}) {
            if (u == null || u.isNull()) continue;
            put(m, "input", u.get("input_tokens"));
            put(m, "output", u.get("output_tokens"));
            put(m, "cache_read", u.get("cache_read_input_tokens"));
            put(m, "cache_write", u.get("cache_creation_input_tokens"));
        }
        return m;
    }

    Result anthropicStream(HttpResponse<String> res, String model, String ctx) throws Exception {
        assertThat(res.headers().firstValue("Content-Type").orElse("")).as(ctx).startsWith("text/event-stream");
        List<String[]> events = sse(res.body());
        List<String> names = events.stream().map(e -> e[0]).toList();
        assertThat(names).as(ctx + " event sequence").isNotEmpty();
        assertThat(names.get(0)).as(ctx + " first event").isEqualTo("message_start");
        assertThat(names.get(names.size() - 1)).as(ctx + " last event").isEqualTo("message_stop");
        assertThat(names).as(ctx).doesNotContain("error");
        assertThat(names.stream().filter("message_delta"::equals).count()).as(ctx + " one message_delta").isEqualTo(1);
        assertThat(names.get(names.size() - 2)).as(ctx + " message_delta before message_stop").isEqualTo("message_delta");
        StringBuilder text = new StringBuilder();
        List<Call> calls = new ArrayList<>();
        Map<Integer, String[]> open = new LinkedHashMap<>(); // index -> type, id, name, json
        int nextIndex = 0;
        JsonNode startUsage = null, deltaUsage = null;
        String stop = null;
        for (String[] e : events) {
            JsonNode d = json(e[1]);
            assertThat(d.path("type").asText()).as(ctx + " event name = data.type").isEqualTo(e[0]);
            switch (e[0]) {
                case "message_start" -> {
                    assertThat(d.at("/message/model").asText()).as(ctx + " model").isEqualTo(model);
                    assertThat(d.at("/message/id").asText()).as(ctx + " id").isNotBlank();
                    assertThat(d.at("/message/content").isArray()).as(ctx).isTrue();
                    startUsage = d.at("/message/usage");
                }
                case "content_block_start" -> {
                    int idx = d.path("index").asInt();
                    assertThat(idx).as(ctx + " block indexes in order").isEqualTo(nextIndex++);
                    assertThat(open).as(ctx + " previous block closed").isEmpty();
                    JsonNode cb = d.get("content_block");
                    open.put(idx, new String[] {cb.path("type").asText(), cb.path("id").asText(null), cb.path("name").asText(null), ""});
                }
                case "content_block_delta" -> {
                    String[] b = open.get(d.path("index").asInt());
                    assertThat(b).as(ctx + " delta for an open block").isNotNull();
                    JsonNode delta = d.get("delta");
                    if (delta.path("type").asText().equals("text_delta")) {
                        assertThat(b[0]).as(ctx).isEqualTo("text");
                        text.append(delta.get("text").asText());
                    } else if (delta.path("type").asText().equals("input_json_delta")) {
                        assertThat(b[0]).as(ctx).isEqualTo("tool_use");
                        b[3] += delta.get("partial_json").asText();
                    }
                }
                case "content_block_stop" -> {
                    String[] b = open.remove(d.path("index").asInt());
                    assertThat(b).as(ctx + " stop of an open block").isNotNull();
                    if (b[0].equals("tool_use")) calls.add(new Call(b[1], b[2], json(b[3].isEmpty() ? "{}" : b[3])));
                }
                case "message_delta" -> {
                    stop = d.at("/delta/stop_reason").asText(null);
                    deltaUsage = d.get("usage");
                }
                default -> { }
            }
        }
        assertThat(open).as(ctx + " all blocks closed").isEmpty();
        return new Result(text.toString(), stop, calls, anthropicUsage(startUsage, deltaUsage));
    }

    Result geminiJson(HttpResponse<String> res, String model, String ctx) throws Exception {
        assertThat(res.headers().firstValue("Content-Type").orElse("")).as(ctx).startsWith("application/json");
        return geminiChunks(List.of(json(res.body())), model, ctx);
    }

    Result geminiStream(HttpResponse<String> res, String model, String ctx) throws Exception {
        assertThat(res.headers().firstValue("Content-Type").orElse("")).as(ctx).startsWith("text/event-stream");
        List<JsonNode> chunks = new ArrayList<>();
        for (String[] e : sse(res.body())) {
            assertThat(e[1]).as(ctx + " no [DONE] in Gemini streams").isNotEqualTo("[DONE]");
            chunks.add(json(e[1]));
        }
        assertThat(chunks).as(ctx + " chunks").isNotEmpty();
        return geminiChunks(chunks, model, ctx);
    }

    private Result geminiChunks(List<JsonNode> chunks, String model, String ctx) throws Exception {
        StringBuilder text = new StringBuilder();
        List<Call> calls = new ArrayList<>();
        String finish = null;
        Map<String, Long> usage = new TreeMap<>();
        for (JsonNode c : chunks) {
            assertThat(c.has("error")).as(ctx + " in-stream error " + c).isFalse();
            assertThat(c.path("modelVersion").asText()).as(ctx + " modelVersion").isEqualTo(model);
            assertThat(c.path("candidates")).as(ctx + " one candidate").hasSize(1);
            JsonNode cand = c.at("/candidates/0");
            if (cand.has("content")) {
                assertThat(cand.at("/content/role").asText()).as(ctx + " role").isEqualTo("model");
                for (JsonNode p : cand.at("/content/parts")) {
                    if (p.has("text") && !p.path("thought").asBoolean(false)) text.append(p.get("text").asText());
                    if (p.has("functionCall")) {
                        assertThat(p.at("/functionCall/args").isObject()).as(ctx + " args object").isTrue();
                        calls.add(new Call(p.at("/functionCall/id").asText(null), p.at("/functionCall/name").asText(), p.at("/functionCall/args")));
                    }
                }
            }
            if (cand.hasNonNull("finishReason")) {
                assertThat(finish).as(ctx + " finishReason only once").isNull();
                finish = cand.get("finishReason").asText();
            }
            JsonNode u = c.get("usageMetadata");
            if (u != null) {
                usage = new TreeMap<>();
                put(usage, "prompt", u.get("promptTokenCount"));
                put(usage, "candidates", u.get("candidatesTokenCount"));
                put(usage, "thoughts", u.get("thoughtsTokenCount"));
                put(usage, "cached", u.get("cachedContentTokenCount"));
                put(usage, "total", u.get("totalTokenCount"));
            }
        }
        assertThat(chunks.get(chunks.size() - 1).at("/candidates/0/finishReason").isTextual()).as(ctx + " finishReason on the last chunk").isTrue();
        return new Result(text.toString(), finish, calls, usage);
    }

    /** SSE events as [event name or null, data]; comments and empty keep-alives skipped. */
    static List<String[]> sse(String body) {
        List<String[]> out = new ArrayList<>();
        for (String block : body.split("\r?\n\r?\n")) {
            String event = null;
            StringBuilder data = null;
            for (String line : block.split("\r?\n")) {
                if (line.startsWith("event:")) event = line.substring(6).trim();
                else if (line.startsWith("data:")) {
                    String d = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
                }
            }
            if (data != null) out.add(new String[] {event, data.toString()});
        }
        return out;
    }

    // ------------------------------------------------------------------ usage and errors

    void assertUsage(Fam client, Map<String, Long> u, Expect e, String ctx) {
        switch (client) {
            case OPENAI -> {
                assertThat(u.get("prompt")).as(ctx + " prompt_tokens " + u).isEqualTo(e.prompt);
                assertThat(u.get("completion")).as(ctx + " completion_tokens " + u).isEqualTo(e.completion);
                assertThat(u.get("total")).as(ctx + " total_tokens " + u).isEqualTo(e.prompt + e.completion);
                assertThat(u.getOrDefault("cached", 0L)).as(ctx + " cached_tokens " + u).isEqualTo(e.cached);
                assertThat(u.getOrDefault("reasoning", 0L)).as(ctx + " reasoning_tokens " + u).isEqualTo(e.reasoning);
            }
            case ANTHROPIC -> {
                assertThat(u.get("input")).as(ctx + " input_tokens (uncached) " + u).isEqualTo(e.prompt - e.cached);
                assertThat(u.getOrDefault("cache_read", 0L)).as(ctx + " cache_read_input_tokens " + u).isEqualTo(e.cached);
                assertThat(u.getOrDefault("cache_write", 0L)).as(ctx + " cache_creation_input_tokens " + u).isZero();
                assertThat(u.get("output")).as(ctx + " output_tokens " + u).isEqualTo(e.completion);
            }
            case GEMINI -> {
                assertThat(u.get("prompt")).as(ctx + " promptTokenCount " + u).isEqualTo(e.prompt);
                assertThat(u.getOrDefault("cached", 0L)).as(ctx + " cachedContentTokenCount " + u).isEqualTo(e.cached);
                assertThat(u.getOrDefault("thoughts", 0L)).as(ctx + " thoughtsTokenCount " + u).isEqualTo(e.reasoning);
                assertThat(u.get("candidates")).as(ctx + " candidatesTokenCount (without thoughts) " + u).isEqualTo(e.completion - e.reasoning);
                assertThat(u.get("total")).as(ctx + " totalTokenCount " + u).isEqualTo(e.prompt + e.completion);
            }
        }
    }

    /** The upstream's error, mapped to the client's status convention and body shape. */
    void assertMappedError(Fam client, Fam up, HttpResponse<String> res, String ctx) throws Exception {
        switch (up) {
            case OPENAI -> { // 429 rate_limit_exceeded with retry-after: 7
                JsonNode e = assertError(client, res, 429, ctx);
                switch (client) {
                    case OPENAI -> assertThat(e.path("code").asText()).as(ctx).isEqualTo("rate_limit_exceeded");
                    case ANTHROPIC -> assertThat(e.path("type").asText()).as(ctx).isEqualTo("rate_limit_error");
                    case GEMINI -> assertThat(e.path("status").asText()).as(ctx).isEqualTo("RESOURCE_EXHAUSTED");
                }
                if (client != Fam.GEMINI)
                    assertThat(res.headers().firstValue("Retry-After")).as(ctx + " retry hint").contains("7");
            }
            case ANTHROPIC -> { // 529 overloaded_error
                JsonNode e = assertError(client, res, client == Fam.ANTHROPIC ? 529 : 503, ctx);
                if (client == Fam.ANTHROPIC) assertThat(e.path("type").asText()).as(ctx).isEqualTo("overloaded_error");
                if (client == Fam.GEMINI) assertThat(e.path("status").asText()).as(ctx).isEqualTo("UNAVAILABLE");
            }
            case GEMINI -> { // 400 API_KEY_INVALID: the gateway's key, not the client's fault → 502, never 401/400
                JsonNode e = assertError(client, res, 502, ctx);
                switch (client) {
                    case OPENAI -> {
                        assertThat(e.path("type").asText()).as(ctx).isNotIn("invalid_request_error", "authentication_error");
                        assertThat(e.path("code").asText()).as(ctx).isNotEqualTo("invalid_api_key");
                    }
                    case ANTHROPIC -> assertThat(e.path("type").asText()).as(ctx).isEqualTo("api_error");
                    case GEMINI -> assertThat(e.path("status").asText()).as(ctx).isNotIn("INVALID_ARGUMENT", "UNAUTHENTICATED");
                }
            }
        }
    }

    /** Checks the caller-format error shape and returns the inner error object. */
    static JsonNode assertError(Fam client, HttpResponse<String> res, int status, String ctx) throws Exception {
        assertThat(res.statusCode()).as(ctx + " status").isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).as(ctx).startsWith("application/json");
        JsonNode b = json(res.body());
        JsonNode e = b.path("error");
        assertThat(e.isObject()).as(ctx + " error object").isTrue();
        assertThat(e.path("message").asText()).as(ctx + " message").isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        switch (client) {
            case OPENAI -> {
                for (String f : List.of("type", "param", "code")) assertThat(e.has(f)).as(ctx + " error." + f).isTrue();
                if (status == 400) assertThat(e.path("type").asText()).as(ctx).isEqualTo("invalid_request_error");
            }
            case ANTHROPIC -> {
                assertThat(b.path("type").asText()).as(ctx + " type=error").isEqualTo("error");
                assertThat(e.path("type").asText()).as(ctx + " error.type").isNotBlank();
                if (status == 400) assertThat(e.path("type").asText()).as(ctx).isEqualTo("invalid_request_error");
            }
            case GEMINI -> {
                assertThat(e.path("code").asInt()).as(ctx + " error.code").isEqualTo(status);
                assertThat(e.path("status").asText()).as(ctx + " error.status").isNotBlank();
                if (status == 400) assertThat(e.path("status").asText()).as(ctx).isEqualTo("INVALID_ARGUMENT");
            }
        }
        return e;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
