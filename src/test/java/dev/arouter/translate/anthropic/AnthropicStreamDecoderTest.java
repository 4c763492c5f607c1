package dev.arouter.translate.anthropic;

import dev.arouter.translate.StreamDecoder;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseParser;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * content_block_delta events are read token by token; what the decoder makes of them must be what
 * reading every event into a tree made ({@link TreeAnthropicStreamDecoder}), for recorded streams
 * and for the tree reading's leniencies: members in any order, nulls, scalars or objects where text
 * belongs, odd indexes, repeated members, a data type that contradicts the event name, malformed data.
 */
class AnthropicStreamDecoderTest {

    static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-x\",\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}";
    static final String TOOL_START = "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{}}}";

    static final List<String> DELTAS = List.of(
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello \\\"wörld\\\" 😀\\n\"}}",
            "{\"delta\":{\"text\":\"order\",\"type\":\"text_delta\"},\"index\":0,\"type\":\"content_block_delta\"}",
            "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"no type: the event name decides\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":null}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":12.50}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":{\"o\":[1]}}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB==\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":\"}}",
            "{\"type\":\"content_block_delta\",\"index\":\"1\",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"1}\"}}",
            "{\"type\":\"content_block_delta\",\"index\":null,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"null index\"}}",
            "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"no index\"}}",
            "{\"type\":\"content_block_delta\",\"index\":7,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"unknown block\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\",\"citation\":{}}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":\"not an object\"}",
            "{\"type\":\"content_block_delta\",\"index\":0}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"},\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"last delta wins\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"},\"delta\":{\"type\":\"text_delta\"}}",
            "{\"type\":\"content_block_delta\",\"type\":\"ping\"}",
            "{\"type\":\"ping\"}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}",
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}} trailing",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"unterminated}}",
            "[1]",
            "\"s\"",
            "");

    @Test
    void eachDeltaDecodesAsTheTreeDid() {
        for (String data : DELTAS) {
            for (String name : new String[]{"content_block_delta", null, "ping"}) {
                List<SseEvent> stream = List.of(new SseEvent("message_start", START), new SseEvent("content_block_start", TOOL_START),
                        new SseEvent(name, data));
                assertThat(decodeAll(new AnthropicStreamDecoder(), stream))
                        .as(name + " " + data)
                        .isEqualTo(decodeAll(new TreeAnthropicStreamDecoder(), stream));
            }
        }
    }

    @Test
    void recordedStreamsDecodeAsTheTreeDid() throws IOException {
        for (String fixture : List.of("messages-stream-text.sse", "messages-stream-tools.sse", "messages-stream-thinking.sse",
                "stream-error-overloaded.sse")) {
            List<SseEvent> events = new ArrayList<>();
            try (InputStream in = getClass().getResourceAsStream("/wire/anthropic/" + fixture)) {
                byte[] b = in.readAllBytes();
                SseParser parser = new SseParser();
                parser.feed(b, 0, b.length, events::add);
                parser.finish(events::add);
            }
            List<StreamEvent> got = decodeAll(new AnthropicStreamDecoder(), events);
            assertThat(got).as(fixture).isEqualTo(decodeAll(new TreeAnthropicStreamDecoder(), events));
            assertThat(got).as(fixture).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    static List<StreamEvent> decodeAll(StreamDecoder decoder, List<SseEvent> events) {
        List<StreamEvent> out = new ArrayList<>();
        for (SseEvent e : events) out.addAll(decoder.decode(e));
        out.addAll(decoder.finish());
        return out;
    }
}
