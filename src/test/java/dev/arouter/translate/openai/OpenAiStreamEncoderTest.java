package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.FinishReason;
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

/** Chunks written token by token must be the bytes of the tree the encoder used to build for them. */
class OpenAiStreamEncoderTest {

    static final List<String> TEXTS = List.of("", "hello", "a😀b", "x\ud83dy", "ctl \u0000\t\n\"\\", "日本", "C:\\uD83D");

    @Test
    void chunksAreTheTreesTheyReplace() {
        for (boolean usage : new boolean[]{true, false}) {
            for (String model : new String[]{null, "pub/model"}) {
                for (String upstreamModel : new String[]{null, "up-model"}) {
                    OpenAiStreamEncoder enc = new OpenAiStreamEncoder(usage, 1741952318L, model);
                    List<SseEvent> got = new ArrayList<>(enc.encode(new StreamEvent.MessageStart("chatcmpl-1", upstreamModel, null)));
                    List<ObjectNode> want = new ArrayList<>();
                    String m = model != null ? model : upstreamModel;
                    want.add(chunk(usage, m, Json.object().put("role", "assistant").put("content", ""), null));
                    for (String t : TEXTS) {
                        got.addAll(enc.encode(new StreamEvent.TextDelta(t)));
                        want.add(chunk(usage, m, Json.object().put("content", t), null));
                        got.addAll(enc.encode(new StreamEvent.ThinkingDelta(t)));
                        want.add(chunk(usage, m, Json.object().put("reasoning_content", t), null));
                    }
                    got.addAll(enc.encode(new StreamEvent.TextDelta(null)));
                    want.add(chunk(usage, m, Json.object().put("content", (String) null), null));
                    for (String[] idName : new String[][]{{"call_1", "f"}, {null, null}, {"id😀", "n\ud83d"}}) {
                        got.addAll(enc.encode(new StreamEvent.ToolCallStart(3, idName[0], idName[1])));
                        ObjectNode delta = Json.object();
                        ObjectNode tc = delta.putArray("tool_calls").addObject();
                        tc.put("index", 3);
                        tc.put("id", idName[0]);
                        tc.put("type", "function");
                        tc.putObject("function").put("name", idName[1]).put("arguments", "");
                        want.add(chunk(usage, m, delta, null));
                    }
                    for (String t : TEXTS) {
                        got.addAll(enc.encode(new StreamEvent.ToolCallDelta(12, t)));
                        if (t.isEmpty()) continue;
                        ObjectNode delta = Json.object();
                        delta.putArray("tool_calls").addObject().put("index", 12).putObject("function").put("arguments", t);
                        want.add(chunk(usage, m, delta, null));
                    }
                    got.addAll(enc.encode(new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)));
                    want.add(chunk(usage, m, Json.object(), "tool_calls"));
                    got.addAll(enc.encode(new StreamEvent.UsageUpdate(new Usage(1, 0, 0, 2, 0))));
                    got.addAll(enc.encode(new StreamEvent.End()));

                    assertThat(got).hasSize(want.size() + (usage ? 2 : 1));
                    SseWriter w = new SseWriter("\n");
                    for (int i = 0; i < want.size(); i++) {
                        String text = Json.write(want.get(i));
                        assertThat(got.get(i).data()).isEqualTo(text);
                        assertThat(w.render(got.get(i))).isEqualTo(("data: " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
                    }
                    assertThat(got.getLast().data()).isEqualTo("[DONE]");
                }
            }
        }
    }

    /** The tree form of a chunk, as the encoder built it before it wrote chunks token by token. */
    static ObjectNode chunk(boolean usage, String model, ObjectNode delta, String finishReason) {
        ObjectNode c = Json.object();
        c.put("id", "chatcmpl-1");
        c.put("object", "chat.completion.chunk");
        c.put("created", 1741952318L);
        if (model != null) c.put("model", model);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        if (usage) c.putNull("usage");
        return c;
    }
}
