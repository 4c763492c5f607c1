package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseWriter;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

/** Text chunks written token by token must be the bytes of the trees the encoder used to build for them. */
class GeminiStreamEncoderTest {

    static final List<String> TEXTS = List.of("", "hello", "a😀b", "x\ud83dy", "ctl \u0000\t\n\"\\", "日本", "C:\\uD83D");

    @Test
    void textChunksAreTheTreesTheyReplace() {
        Usage upFront = new Usage(12, 4, 0, 0, 0);
        for (String override : new String[]{null, "google/gemini-x"}) {
            for (String upstreamModel : new String[]{null, "up-model"}) {
                for (String id : new String[]{null, "resp_1"}) {
                    for (Usage usage : new Usage[]{null, upFront}) {
                        GeminiStreamEncoder enc = new GeminiStreamEncoder(override);
                        List<SseEvent> got = new ArrayList<>(enc.encode(new StreamEvent.MessageStart(id, upstreamModel, usage)));
                        List<ObjectNode> want = new ArrayList<>();
                        String m = override != null ? override : upstreamModel;
                        for (String t : TEXTS) {
                            got.addAll(enc.encode(new StreamEvent.TextDelta(t)));
                            if (!t.isEmpty()) want.add(chunk(t, false, usage, m, id));
                            got.addAll(enc.encode(new StreamEvent.ThinkingDelta(t)));
                            want.add(chunk(t, true, usage, m, id));
                        }
                        got.addAll(enc.encode(new StreamEvent.End()));

                        assertThat(got).hasSize(want.size() + 1);
                        SseWriter w = new SseWriter("\r\n");
                        for (int i = 0; i < want.size(); i++) {
                            String text = Json.write(want.get(i));
                            assertThat(got.get(i).data()).isEqualTo(text);
                            assertThat(w.render(got.get(i))).isEqualTo(("data: " + text + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                        }
                        assertThat(got.getLast().data()).contains("\"finishReason\":\"STOP\"");
                    }
                }
            }
        }
    }

    /** The tree form of a one-part chunk, as the encoder built it before it wrote them token by token. */
    static ObjectNode chunk(String text, boolean thought, Usage usage, String model, String id) {
        ObjectNode c = Json.object();
        ObjectNode cand = c.putArray("candidates").addObject();
        ObjectNode content = cand.putObject("content");
        ObjectNode part = content.putArray("parts").addObject().put("text", text);
        if (thought) part.put("thought", true);
        content.put("role", "model");
        cand.put("index", 0);
        if (usage != null) c.set("usageMetadata", GeminiMappings.usageToGemini(usage));
        if (model != null) c.put("modelVersion", model);
        if (id != null) c.put("responseId", id);
        return c;
    }
}
