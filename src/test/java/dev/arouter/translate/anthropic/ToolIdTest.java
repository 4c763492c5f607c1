package dev.arouter.translate.anthropic;

import dev.arouter.translate.gemini.GeminiToolIds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tool-id clean-ups without a regex give what the regexes gave. */
class ToolIdTest {
    static final List<String> IDS = List.of("toolu_01A09q90qw90lq917835lq9", "call_abc-DEF_123", "call:abc.def/1", "a b",
            "é", "emoji😀x", "lone\ud83dx", "\ude00", "x\ud83d", "ümlaut-ß_z", "--__--", "q=1&r=2", "MJ1w7Y-sDq6RzNbP8sXgLA");

    @Test
    void anthropicToolIdReplacesWhatTheRegexReplaced() {
        for (String id : IDS) {
            assertThat(AnthropicRequestEncoder.toolId(id)).as(id).isEqualTo(id.replaceAll("[^a-zA-Z0-9_-]", "_"));
        }
        String valid = "toolu_01A09q90qw90lq917835lq9";
        assertThat(AnthropicRequestEncoder.toolId(valid)).isSameAs(valid);
        assertThat(AnthropicRequestEncoder.toolId(null)).isEqualTo("toolu_missing");
        assertThat(AnthropicRequestEncoder.toolId("")).isEqualTo("toolu_missing");
    }

    @Test
    void geminiScopeDropsWhatTheRegexDropped() {
        for (String scope : IDS) {
            assertThat(GeminiToolIds.synthesize(scope, 2, null)).as(scope)
                    .isEqualTo("call_g" + scope.replaceAll("[^A-Za-z0-9]", "") + "_2");
        }
        for (String sig : List.of("", "CiQBcsjafQk2Lr8xNfT0", "a+b/c=", "++//==", "Zz+/==x")) {
            assertThat(GeminiToolIds.synthesize("r-1", 0, sig)).as(sig).isEqualTo("call_gr1_0"
                    + (sig.isEmpty() ? "" : "_ts_" + sig.replace('+', '-').replace('/', '_').replace("=", "")));
        }
        assertThat(GeminiToolIds.synthesize(null, 0, "a+b/c=")).isEqualTo("call_g_0_ts_a-b_c");
        assertThat(GeminiToolIds.signatureFromId(GeminiToolIds.synthesize("r", 3, "Zz+/Ab=="))).isEqualTo("Zz+/Ab==");
    }
}
