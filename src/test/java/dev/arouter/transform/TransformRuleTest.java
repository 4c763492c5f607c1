package dev.arouter.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.json.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule engine and the file validation, without a gateway. */
class TransformRuleTest {

    static ObjectNode body(String json) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    static String apply(String yaml, String model, String json) throws IOException {
        ObjectNode b = body(json);
        for (TransformRule r : TransformParser.parse(yaml).rulesFor(model)) r.apply(b);
        return b.toString();
    }

    @Test
    void renameMovesAFieldOnlyForMatchingModelsAndKeepsAnExistingTarget() throws Exception {
        String yaml = """
                provider: openai
                rules:
                  - when: {modelMatches: "^(gpt-5|o[0-9])"}
                    rename: {max_tokens: max_completion_tokens}
                """;
        assertThat(apply(yaml, "gpt-5.4", "{\"max_tokens\":10}")).isEqualTo("{\"max_completion_tokens\":10}");
        assertThat(apply(yaml, "o3-mini", "{\"max_tokens\":10}")).isEqualTo("{\"max_completion_tokens\":10}");
        assertThat(apply(yaml, "gpt-4o", "{\"max_tokens\":10}")).isEqualTo("{\"max_tokens\":10}");
        assertThat(apply(yaml, "gpt-5.4", "{\"max_tokens\":10,\"max_completion_tokens\":20}"))
                .isEqualTo("{\"max_completion_tokens\":20}");
        assertThat(apply(yaml, "gpt-5.4", "{\"n\":1}")).isEqualTo("{\"n\":1}");
    }

    @Test
    void renameReachesIntoObjectsAndCreatesTheTargetParent() throws Exception {
        String yaml = """
                provider: x
                rules:
                  - rename: {generationConfig.max_output_tokens: generationConfig.maxOutputTokens, seed: options.random_seed}
                """;
        assertThat(apply(yaml, "m", "{\"generationConfig\":{\"max_output_tokens\":5},\"seed\":7}"))
                .isEqualTo("{\"generationConfig\":{\"maxOutputTokens\":5},\"options\":{\"random_seed\":7}}");
        // a target under a non-object: the source is left where it is
        assertThat(apply(yaml, "m", "{\"seed\":7,\"options\":\"x\"}")).isEqualTo("{\"seed\":7,\"options\":\"x\"}");
    }

    @Test
    void dropRemovesTopLevelAndDottedFieldsAndIgnoresMissingOnes() throws Exception {
        String yaml = """
                provider: x
                rules:
                  - drop: [metadata, stream_options.include_obfuscation, a.b.c, missing.deep]
                """;
        assertThat(apply(yaml, "m", """
                {"metadata":{"k":1},"stream_options":{"include_usage":true,"include_obfuscation":false},"a":{"b":1},"keep":1}"""))
                .isEqualTo("{\"stream_options\":{\"include_usage\":true},\"a\":{\"b\":1},\"keep\":1}");
    }

    @Test
    void defaultsAreSetOnlyWhenAbsent() throws Exception {
        String yaml = """
                provider: x
                rules:
                  - defaults: {max_completion_tokens: 4096, generationConfig.topK: 40, tags: [a, b]}
                """;
        assertThat(apply(yaml, "m", "{}"))
                .isEqualTo("{\"max_completion_tokens\":4096,\"generationConfig\":{\"topK\":40},\"tags\":[\"a\",\"b\"]}");
        assertThat(apply(yaml, "m", "{\"max_completion_tokens\":9,\"generationConfig\":{\"topK\":1},\"tags\":null}"))
                .isEqualTo("{\"max_completion_tokens\":9,\"generationConfig\":{\"topK\":1},\"tags\":null}");
    }

    @Test
    void clampBoundsNumbersAndLeavesOtherValues() throws Exception {
        String yaml = """
                provider: x
                rules:
                  - clamp: {temperature: {min: 0, max: 1}, generationConfig.topP: {max: 0.5}}
                """;
        assertThat(apply(yaml, "m", "{\"temperature\":1.7}")).isEqualTo("{\"temperature\":1}");
        assertThat(apply(yaml, "m", "{\"temperature\":-0.5}")).isEqualTo("{\"temperature\":0}");
        assertThat(apply(yaml, "m", "{\"temperature\":0.3}")).isEqualTo("{\"temperature\":0.3}");
        assertThat(apply(yaml, "m", "{\"temperature\":\"hot\"}")).isEqualTo("{\"temperature\":\"hot\"}");
        assertThat(apply(yaml, "m", "{\"generationConfig\":{\"topP\":0.9}}")).isEqualTo("{\"generationConfig\":{\"topP\":0.5}}");
        assertThat(apply(yaml, "m", "{}")).isEqualTo("{}");
    }

    @Test
    void actionsOfOneRuleRunRenameDropDefaultsClampAndRulesRunInOrder() throws Exception {
        String yaml = """
                provider: x
                rules:
                  - rename: {max_tokens: max_completion_tokens}
                    drop: [max_tokens, top_p]
                    defaults: {max_completion_tokens: 4096}
                    clamp: {max_completion_tokens: {max: 1000}}
                  - when: {modelMatches: "never"}
                    drop: [max_completion_tokens]
                  - defaults: {temperature: 0.5}
                """;
        assertThat(apply(yaml, "m", "{\"max_tokens\":3000,\"top_p\":1}"))
                .isEqualTo("{\"max_completion_tokens\":1000,\"temperature\":0.5}");
        assertThat(apply(yaml, "m", "{}")).isEqualTo("{\"max_completion_tokens\":1000,\"temperature\":0.5}");
    }

    @Test
    void modelMatchesIsASearchAndNoWhenMeansEveryModel() {
        ProviderTransforms t = TransformParser.parse("""
                provider: x
                rules:
                  - when: {modelMatches: "reason"}
                    drop: [a]
                  - drop: [b]
                """);
        assertThat(t.rulesFor("deepseek-reasoner")).hasSize(2);
        assertThat(t.rulesFor("deepseek-chat")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "provider: x",
            "provider: X\nrules: []",
            "provider: x\nrules: {}",
            "provider: x\nrules: []\nextra: 1",
            "provider: x\nrules:\n  - when: {modelMatches: a}",
            "provider: x\nrules:\n  - drop: [a]\n    dropParams: [b]",
            "provider: x\nrules:\n  - when: {model: a}\n    drop: [a]",
            "provider: x\nrules:\n  - when: {modelMatches: \"gpt-(\"}\n    drop: [a]",
            "provider: x\nrules:\n  - drop: a",
            "provider: x\nrules:\n  - drop: [a..b]",
            "provider: x\nrules:\n  - rename: {a: [b]}",
            "provider: x\nrules:\n  - rename: {a: a}",
            "provider: x\nrules:\n  - defaults: {a: null}",
            "provider: x\nrules:\n  - clamp: {t: {min: 2, max: 1}}",
            "provider: x\nrules:\n  - clamp: {t: {min: low}}",
            "provider: x\nrules:\n  - clamp: {t: {}}",
            "provider: x\nrules:\n  - clamp: {t: {min: 0, most: 1}}",
            "provider: x\nrules:\n  - clamp: {t: 1}",
            "provider: [unclosed",
    })
    void invalidFilesAreRejectedWithAOneLineReason(String yaml) {
        assertThatThrownBy(() -> TransformParser.parse(yaml))
                .isInstanceOf(TransformParser.Invalid.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
    }

    @Test
    void theShippedRuleFilesAreValidAndNamedAfterTheirProvider() throws IOException {
        List<String> providers = new java.util.ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("transforms"), "*.yaml")) {
            for (Path f : files) {
                ProviderTransforms t = TransformParser.parse(f);
                assertThat(f.getFileName().toString()).isEqualTo(t.provider() + ".yaml");
                assertThat(Files.exists(Path.of("routes/providers", t.provider() + ".yaml"))).as(f.toString()).isTrue();
                providers.add(t.provider());
            }
        }
        assertThat(providers).contains("openai", "anthropic", "mistral", "cohere");
    }

    @Test
    void shippedOpenAiRulesFollowTheWireNotes() throws IOException {
        ProviderTransforms t = TransformParser.parse(Path.of("transforms/openai.yaml"));
        String req = "{\"max_tokens\":5,\"temperature\":0.2,\"top_p\":0.9,\"stop\":[\"x\"]}";
        ObjectNode b = body(req);
        t.rulesFor("gpt-5.4").forEach(r -> r.apply(b));
        assertThat(b.toString()).isEqualTo("{\"temperature\":0.2,\"top_p\":0.9,\"stop\":[\"x\"],\"max_completion_tokens\":5}");
        ObjectNode o3 = body(req);
        t.rulesFor("o3").forEach(r -> r.apply(o3));
        assertThat(o3.has("stop")).isFalse();
        assertThat(t.rulesFor("o3-mini")).hasSize(1);
        assertThat(t.rulesFor("gpt-4.1")).isEmpty();
    }
}
