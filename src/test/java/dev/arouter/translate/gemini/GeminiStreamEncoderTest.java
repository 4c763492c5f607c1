package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.FinishReason;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.Part;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.ir.Usage;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseWriter;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

/** Chunks written token by token must be the bytes of the trees the encoder used to build for them. */
class GeminiStreamEncoderTest {

    static final List<String> TEXTS = List.of("", "hello", "a😀b", "x\ud83dy", "ctl \u0000\t\n\"\\", "日本", "C:\\uD83D");

    @Test
    void chunksAreTheTreesTheyReplace() {
        Usage upFront = new Usage(12, 4, 0, 0, 0);
        Usage last = new Usage(12, 4, 0, 30, 7);
        for (String override : new String[]{null, "google/gemini-x"}) {
            for (String upstreamModel : new String[]{null, "up-model"}) {
                for (String id : new String[]{null, "resp_1"}) {
                    for (Usage usage : new Usage[]{null, upFront}) {
                        for (boolean tools : new boolean[]{false, true}) {
                            GeminiStreamEncoder enc = new GeminiStreamEncoder(override);
                            List<SseEvent> got = new ArrayList<>(enc.encode(new StreamEvent.MessageStart(id, upstreamModel, usage)));
                            List<ObjectNode> want = new ArrayList<>();
                            String m = override != null ? override : upstreamModel;
                            for (String t : TEXTS) {
                                got.addAll(enc.encode(new StreamEvent.TextDelta(t)));
                                if (!t.isEmpty()) want.add(chunk(parts().add(Json.object().put("text", t)), null, usage, m, id));
                                got.addAll(enc.encode(new StreamEvent.ThinkingDelta(t)));
                                want.add(chunk(parts().add(Json.object().put("text", t).put("thought", true)), null, usage, m, id));
                            }
                            got.addAll(enc.encode(new StreamEvent.ThinkingSignature("sig😀=", Family.ANTHROPIC))); // not Gemini's: dropped
                            got.addAll(enc.encode(new StreamEvent.ThinkingSignature("sig😀=", Family.GEMINI)));
                            want.add(chunk(parts().add(Json.object().put("text", "").put("thoughtSignature", "sig😀=")), null, usage, m, id));
                            ArrayNode finalParts = parts();
                            if (tools) {
                                got.addAll(enc.encode(new StreamEvent.ToolCallStart(0, "call_1", "convert")));
                                got.addAll(enc.encode(new StreamEvent.ToolCallDelta(0, "{\"value\":")));
                                got.addAll(enc.encode(new StreamEvent.ToolCallStart(1, "call_2", "lookup")));
                                got.addAll(enc.encode(new StreamEvent.ToolCallDelta(0, "14}")));
                                got.addAll(enc.encode(new StreamEvent.ToolCallDelta(1, "{\"q\":\"日本\"}")));
                                GeminiResponseEncoder.addPart(new Part.ToolCall("call_1", "convert", "{\"value\":14}"), finalParts);
                                GeminiResponseEncoder.addPart(new Part.ToolCall("call_2", "lookup", "{\"q\":\"日本\"}"), finalParts);
                            }
                            got.addAll(enc.encode(new StreamEvent.UsageUpdate(last)));
                            got.addAll(enc.encode(new StreamEvent.End()));
                            want.add(chunk(finalParts, "STOP", last, m, id)); // TOOL_CALLS and STOP are both STOP to Gemini

                            assertThat(got).hasSize(want.size());
                            SseWriter w = new SseWriter("\r\n");
                            for (int i = 0; i < want.size(); i++) {
                                String text = Json.write(want.get(i));
                                assertThat(got.get(i).data()).isEqualTo(text);
                                assertThat(w.render(got.get(i))).isEqualTo(("data: " + text + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aFinishWithoutPartsHasNoContent() {
        GeminiStreamEncoder enc = new GeminiStreamEncoder();
        enc.encode(new StreamEvent.MessageStart("r", "m", null));
        enc.encode(new StreamEvent.Finish(FinishReason.LENGTH, null));
        List<SseEvent> got = enc.encode(new StreamEvent.End());
        assertThat(got.getFirst().data()).isEqualTo(Json.write(chunk(parts(), GeminiMappings.finishReasonToGemini(FinishReason.LENGTH), null, "m", "r")));
        assertThat(got.getFirst().data()).doesNotContain("content");
    }

    static ArrayNode parts() {
        return Json.array();
    }

    /** The tree form of a chunk, as the encoder built it before it wrote chunks token by token. */
    static ObjectNode chunk(ArrayNode parts, String finishReason, Usage usage, String model, String id) {
        ObjectNode c = Json.object();
        ObjectNode cand = c.putArray("candidates").addObject();
        if (!parts.isEmpty() || finishReason == null) {
            ObjectNode content = cand.putObject("content");
            content.set("parts", parts);
            content.put("role", "model");
        }
        if (finishReason != null) cand.put("finishReason", finishReason);
        cand.put("index", 0);
        if (usage != null) c.set("usageMetadata", GeminiMappings.usageToGemini(usage));
        if (model != null) c.put("modelVersion", model);
        if (id != null) c.put("responseId", id);
        return c;
    }
}
