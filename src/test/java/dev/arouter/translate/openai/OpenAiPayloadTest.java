package dev.arouter.translate.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arouter.translate.Fixtures;
import dev.arouter.translate.sse.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiPayloadTest {

    static OpenAiPayload read(String json) throws IOException {
        return OpenAiPayload.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splicesTheModelAndKeepsEveryOtherByte() throws IOException {
        String json = "{\"id\":\"x\",\"model\":\"gpt-5.4-2026\",\"v\":[1.0E-5,0.10000000000000001]}";
        assertThat(new String(read(json).withModel("openai/gpt-5.4"), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"x\",\"model\":\"openai/gpt-5.4\",\"v\":[1.0E-5,0.10000000000000001]}");
        assertThat(new String(read("{ }").withModel("m\"x"), StandardCharsets.UTF_8)).isEqualTo("{\"model\":\"m\\\"x\" }");
        assertThat(new String(read("{\"a\":1}").withModel("m"), StandardCharsets.UTF_8)).isEqualTo("{\"model\":\"m\",\"a\":1}");
        assertThat(new String(read("{\"model\":null,\"a\":1}").withModel("m"), StandardCharsets.UTF_8))
                .as("a null model is replaced, not followed by a second member").isEqualTo("{\"model\":\"m\",\"a\":1}");
    }

    @Test
    void splicesAndFramesInOneCopy() throws IOException {
        byte[] data = "data: ".getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\n\n".getBytes(StandardCharsets.US_ASCII);
        byte[] quoted = OpenAiPayload.quote("openai/gpt-5.4");
        assertThat(new String(read("{\"model\":\"gpt\",\"x\":\"é\"}").withQuotedModel(quoted, data, end), StandardCharsets.UTF_8))
                .isEqualTo("data: {\"model\":\"openai/gpt-5.4\",\"x\":\"é\"}\n\n");
        assertThat(new String(read("{\"a\":1}").withQuotedModel(quoted, data, end), StandardCharsets.UTF_8))
                .isEqualTo("data: {\"model\":\"openai/gpt-5.4\",\"a\":1}\n\n");
    }

    @Test
    void doneIsRecognisedInTheReceivedBytes() {
        assertThat(OpenAiStreamRelay.isDone("[DONE]".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(OpenAiStreamRelay.isDone(" [DONE]\r\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(OpenAiStreamRelay.isDone("[DONE]x".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(OpenAiStreamRelay.isDone("{\"a\":\"[DONE]\"}".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(OpenAiStreamRelay.isDone(new byte[0])).isFalse();
    }

    @Test
    void seesUsageEmptyChoicesFinishAndErrors() throws IOException {
        OpenAiPayload usage = read("{\"choices\":[],\"usage\":{\"prompt_tokens\":3}}");
        assertThat(usage.choicesEmpty()).isTrue();
        assertThat(usage.usage().get("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(read("{\"choices\":null,\"usage\":{}}").choicesEmpty()).isTrue();

        OpenAiPayload piece = read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"finish_reason\\\":\\\"stop\"},\"finish_reason\":null}]}");
        assertThat(piece.choicesEmpty()).isFalse();
        assertThat(piece.finished()).as("text that looks like a finish reason is not one").isFalse();
        assertThat(read("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}").finished()).isTrue();
        assertThat(read("{\"choices\":[{\"index\":1,\"finish_reason\":null},{\"index\":0,\"finish_reason\":\"length\"}]}").finished()).isTrue();

        assertThat(read("{\"error\":{\"message\":\"x\"}}").isError()).isTrue();
        assertThat(read("{\"error\":null}").isError()).isFalse();
    }

    @Test
    void refusesWhatIsNotAWholeJsonObject() {
        assertThatThrownBy(() -> read("[1]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"a\":1")).isInstanceOf(IOException.class);
    }

    @Test
    void readsEveryRecordedResponseAndChunkAsAJsonParserDoes() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<byte[]> objects = new ArrayList<>();
        for (String f : List.of("chat-text.response.json", "chat-tools.response.json", "embeddings.response.json",
                "error-401.json", "error-429.json", "error-500.json", "error-503-overloaded.json")) {
            objects.add(Fixtures.bytes("openai/" + f));
        }
        for (String f : List.of("chat-stream-text.sse", "chat-stream-tools.sse", "stream-error-midstream.sse")) {
            for (SseEvent e : Fixtures.parse(Fixtures.bytes("openai/" + f), 64)) {
                if (!OpenAiStreamRelay.isDone(e.dataUtf8())) objects.add(e.dataUtf8());
            }
        }
        assertThat(objects).hasSizeGreaterThan(20);
        for (byte[] json : objects) {
            JsonNode tree = mapper.readTree(json);
            OpenAiPayload p = OpenAiPayload.read(json);
            String what = new String(json, StandardCharsets.UTF_8);
            JsonNode choices = tree.get("choices");
            assertThat(p.choicesEmpty()).as(what).isEqualTo(choices == null || !choices.isArray() || choices.isEmpty());
            boolean finished = false;
            if (choices != null) for (JsonNode c : choices) finished |= c.path("finish_reason").isTextual();
            assertThat(p.finished()).as(what).isEqualTo(finished);
            assertThat(p.isError()).as(what).isEqualTo(tree.has("error") && !tree.get("error").isNull());
            assertThat(p.usage()).as(what).isEqualTo(tree.get("usage") != null && tree.get("usage").isObject() ? tree.get("usage") : null);
            JsonNode spliced = mapper.readTree(p.withModel("openai/x"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("model", "openai/x");
            assertThat(spliced).as(what).isEqualTo(tree);
        }
    }

    @Test
    void stepsOverNestingStringsAndEscapesWithoutBeingFooled() throws IOException {
        String json = "{\"a\":{\"model\":\"inner\",\"b\":[1,{\"c\":\"}]\\\"\"}]},\"s\":\"\\\\\",\"model\":\"m\","
                + "\"choices\":[ {\"delta\":{\"finish_reason\":\"stop\"},\"finish_reason\" : null} , 3 ],\"n\":-1.5e3,\"t\":true}";
        OpenAiPayload p = read(json);
        assertThat(p.choicesEmpty()).isFalse();
        assertThat(p.finished()).as("a nested finish_reason is not the choice's").isFalse();
        assertThat(new String(p.withModel("x"), StandardCharsets.UTF_8))
                .isEqualTo(json.replace("\"model\":\"m\"", "\"model\":\"x\""));
        assertThatThrownBy(() -> read("{\"a\":\"unterminated}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"a\":[1,2}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"a\":}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"a\" 1}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("not json")).isInstanceOf(IOException.class);
    }

    /**
     * Random objects with the members the scan looks at, in every form JSON allows them (null,
     * scalars, nested look-alikes, escapes, odd whitespace), checked against a full parse.
     */
    @Test
    void agreesWithAJsonParserOnRandomObjects() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2_000; i++) {
            com.fasterxml.jackson.databind.node.ObjectNode tree = mapper.createObjectNode();
            for (String name : List.of("id", "model", "usage", "choices", "error", "x")) {
                if (random.nextInt(3) > 0) tree.set(name, randomValue(mapper, random, 0));
            }
            String compact = mapper.writeValueAsString(tree);
            String json = random.nextBoolean() ? compact : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
            OpenAiPayload p = read(json);
            JsonNode choices = tree.get("choices");
            assertThat(p.choicesEmpty()).as(json).isEqualTo(choices == null || !choices.isArray() || choices.isEmpty());
            boolean finished = false;
            if (choices != null && choices.isArray()) {
                for (JsonNode c : choices) finished |= c.isObject() && c.path("finish_reason").isTextual();
            }
            assertThat(p.finished()).as(json).isEqualTo(finished);
            assertThat(p.isError()).as(json).isEqualTo(tree.has("error") && !tree.get("error").isNull());
            JsonNode usage = tree.get("usage");
            assertThat(p.usage()).as(json).isEqualTo(usage != null && usage.isObject() ? usage : null);
            tree.put("model", "openai/x");
            assertThat(mapper.readTree(p.withModel("openai/x"))).as(json).isEqualTo(tree);
        }
    }

    private static JsonNode randomValue(ObjectMapper mapper, java.util.Random random, int depth) {
        int kind = random.nextInt(depth > 2 ? 5 : 8);
        return switch (kind) {
            case 0 -> mapper.nullNode();
            case 1 -> mapper.getNodeFactory().booleanNode(random.nextBoolean());
            case 2 -> mapper.getNodeFactory().numberNode(random.nextInt(2) == 0 ? random.nextInt() : random.nextDouble() * 1e-7);
            case 3, 4 -> mapper.getNodeFactory().textNode(List.of("stop", "", "a\"b", "}]\\", "\u00e9\ud83d\ude00", "finish_reason", "\n\t")
                    .get(random.nextInt(7)));
            case 5 -> {
                var a = mapper.createArrayNode();
                for (int n = random.nextInt(4); n > 0; n--) a.add(randomValue(mapper, random, depth + 1));
                yield a;
            }
            default -> {
                var o = mapper.createObjectNode();
                for (String name : List.of("finish_reason", "model", "delta", "error", "usage")) {
                    if (random.nextBoolean()) o.set(name, randomValue(mapper, random, depth + 1));
                }
                yield o;
            }
        };
    }
}
