package dev.arouter.translate.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseWriter;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

/** Deltas written token by token must be the bytes of the trees the encoder used to build for them. */
class AnthropicStreamEncoderTest {

    static final List<String> TEXTS = List.of("", "hello", "a😀b", "x\ud83dy", "ctl \u0000\t\n\"\\", "日本", "C:\\uD83D");

    @Test
    void deltasAreTheTreesTheyReplace() {
        AnthropicStreamEncoder enc = new AnthropicStreamEncoder();
        List<SseEvent> got = new ArrayList<>(enc.encode(new StreamEvent.MessageStart("msg_1", "claude-x", null)));
        List<ObjectNode> want = new ArrayList<>();
        for (String t : TEXTS) { // block 0; an empty text delta is not sent
            got.addAll(enc.encode(new StreamEvent.TextDelta(t)));
            if (!t.isEmpty()) want.add(delta(0, "text_delta", "text", t));
        }
        for (String t : TEXTS) { // block 1
            got.addAll(enc.encode(new StreamEvent.ThinkingDelta(t)));
            want.add(delta(1, "thinking_delta", "thinking", t));
        }
        got.addAll(enc.encode(new StreamEvent.ThinkingSignature("sig😀=", Family.ANTHROPIC)));
        want.add(delta(1, "signature_delta", "signature", "sig😀="));
        got.addAll(enc.encode(new StreamEvent.ToolCallStart(0, "toolu_1", "convert"))); // block 2
        got.addAll(enc.encode(new StreamEvent.ToolCallStart(1, "toolu_2", "lookup"))); // block 3
        for (String t : TEXTS) {
            got.addAll(enc.encode(new StreamEvent.ToolCallDelta(0, t))); // a closed block keeps its index
            got.addAll(enc.encode(new StreamEvent.ToolCallDelta(1, t)));
            if (t.isEmpty()) continue;
            want.add(delta(2, "input_json_delta", "partial_json", t));
            want.add(delta(3, "input_json_delta", "partial_json", t));
        }
        got.addAll(enc.encode(new StreamEvent.End()));

        List<SseEvent> deltas = got.stream().filter(e -> "content_block_delta".equals(e.event())).toList();
        assertThat(deltas).hasSize(want.size());
        SseWriter w = new SseWriter("\n");
        for (int i = 0; i < want.size(); i++) {
            String text = Json.write(want.get(i));
            assertThat(deltas.get(i).data()).isEqualTo(text);
            assertThat(w.render(deltas.get(i)))
                    .isEqualTo(("event: content_block_delta\ndata: " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(got.getLast().event()).isEqualTo("message_stop");
    }

    /** The tree form of a delta event, as the encoder built it before it wrote deltas token by token. */
    static ObjectNode delta(int index, String type, String field, String value) {
        ObjectNode d = Json.object().put("type", "content_block_delta").put("index", index);
        d.putObject("delta").put("type", type).put(field, value);
        return d;
    }
}
