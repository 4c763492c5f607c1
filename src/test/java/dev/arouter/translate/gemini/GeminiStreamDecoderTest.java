package dev.arouter.translate.gemini;

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
 * Chunks are read member by member; what the decoder makes of them must be what reading each chunk
 * into a tree made ({@link TreeGeminiStreamDecoder}), for recorded streams and for the tree
 * reading's leniencies: members in any order, nulls, odd candidates and parts, repeated members,
 * array-wrapped chunks, errors, blocked prompts, malformed data.
 */
class GeminiStreamDecoderTest {

    static final List<String> CHUNKS = List.of(
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello \\\"wörld\\\" 😀\\n\"}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":3,\"totalTokenCount\":12},\"modelVersion\":\"gemini-x\",\"responseId\":\"r1\"}",
            "{\"responseId\":\"first\",\"modelVersion\":\"m\",\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"thinking\",\"thought\":true,\"thoughtSignature\":\"sig=\"},{\"text\":\"\",\"thoughtSignature\":\"sig2=\"}]}}]}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"convert\",\"args\":{\"value\":14,\"u\":[1.50,true]}},\"thoughtSignature\":\"s\"},{\"functionCall\":{\"id\":\"own\",\"name\":\"g\"}}]},\"finishReason\":\"STOP\"}]}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":null},7,null,\"s\",{\"inlineData\":{}}]},\"finishReason\":\"MAX_TOKENS\"}]}",
            "{\"candidates\":[{\"content\":{\"parts\":{\"a\":{\"text\":\"an object of parts is not parts\"}}}}]}",
            "{\"candidates\":[{\"content\":{\"parts\":{\"text\":\"not an array\"}}},{\"content\":{\"parts\":[{\"text\":\"second candidate\"}]}}]}",
            "{\"candidates\":[7,{\"content\":{\"parts\":[{\"text\":\"second\"}]}}],\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
            "{\"candidates\":[],\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
            "{\"promptFeedback\":{\"blockReason\":\"OTHER\"},\"usageMetadata\":{\"promptTokenCount\":4}}",
            "{\"promptFeedback\":{\"blockReason\":null}}",
            "{\"promptFeedback\":[1],\"candidates\":{\"0\":{}}}",
            "{\"candidates\":null,\"usageMetadata\":null,\"responseId\":null,\"modelVersion\":12}",
            "{\"candidates\":[{\"content\":\"not an object\",\"finishReason\":null}]}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"first\"}]},\"content\":{\"role\":\"model\"}}]}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],\"parts\":[{\"text\":\"last parts\"}]},\"finishReason\":{\"o\":1}}]}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\"STOP\"}],\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"last candidates\"}]}}]}",
            "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"promptFeedback\":{}}",
            "[{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"in an array\"}]}}]},{\"ignored\":true},[1]]",
            "[]",
            "[7]",
            "{\"error\":{\"code\":429,\"message\":\"Resource exhausted\",\"status\":\"RESOURCE_EXHAUSTED\"}}",
            "[{\"error\":{\"code\":500,\"message\":\"Internal\",\"status\":\"INTERNAL\"}}]",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}}],\"error\":null}",
            "{\"candidates\":[]} trailing",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"unterminated}]}}]}",
            "\"s\"",
            "");

    @Test
    void eachChunkDecodesAsTheTreeDid() {
        for (String chunk : CHUNKS) {
            for (List<String> stream : List.of(List.of(chunk), List.of(CHUNKS.getFirst(), chunk), List.of(CHUNKS.get(2), chunk))) {
                assertThat(decodeAll(new GeminiStreamDecoder(), stream))
                        .as(stream.toString())
                        .isEqualTo(decodeAll(new TreeGeminiStreamDecoder(), stream));
            }
        }
    }

    @Test
    void recordedStreamsDecodeAsTheTreeDid() throws IOException {
        for (String fixture : List.of("stream-text.sse", "stream-tools.sse", "stream-error-midstream.sse")) {
            List<String> data = new ArrayList<>();
            try (InputStream in = getClass().getResourceAsStream("/wire/gemini/" + fixture)) {
                byte[] b = in.readAllBytes();
                SseParser parser = new SseParser();
                parser.feed(b, 0, b.length, e -> data.add(e.data()));
                parser.finish(e -> data.add(e.data()));
            }
            List<StreamEvent> got = decodeAll(new GeminiStreamDecoder(), data);
            assertThat(got).as(fixture).isEqualTo(decodeAll(new TreeGeminiStreamDecoder(), data));
            assertThat(got).as(fixture).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    static List<StreamEvent> decodeAll(StreamDecoder decoder, List<String> data) {
        List<StreamEvent> out = new ArrayList<>();
        for (String d : data) out.addAll(decoder.decode(new SseEvent(null, d)));
        out.addAll(decoder.finish());
        return out;
    }
}
