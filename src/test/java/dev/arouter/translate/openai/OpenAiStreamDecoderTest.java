package dev.arouter.translate.openai;

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
 * The decoder reads chunks token by token; what it makes of them must be what reading each chunk
 * into a tree made ({@link TreeOpenAiStreamDecoder}), for recorded streams and for every leniency
 * the tree reading had: members in any order, nulls, scalars where strings belong, objects where
 * text belongs, elements that are not objects, repeated members, errors, malformed chunks.
 */
class OpenAiStreamDecoderTest {

    static final List<String> CHUNKS = List.of(
            // the usual shapes
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}",
            "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello \\\"wörld\\\" 😀\\n\"},\"finish_reason\":null}]}",
            "{\"choices\":[{\"delta\":{\"reasoning_content\":\"think\",\"reasoning\":\"ignored\"},\"index\":0}],\"model\":\"late-model\",\"id\":\"late-id\"}",
            "{\"choices\":[{\"delta\":{\"reasoning_content\":null,\"reasoning\":\"second name\"}}]}",
            "{\"choices\":[{\"delta\":{\"refusal\":\"no\",\"content\":\"yes\"}}]}",
            // tool calls: start, fragments, several per chunk, index defaults, odd values
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":\"}}]}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"1}\"},\"index\":0},{\"index\":1,\"id\":\"call_b\",\"function\":{\"name\":\"g\",\"arguments\":{\"x\":[1,2.50,true]}}}]}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"no-index\",\"function\":{\"name\":\"h\"}},{\"index\":\"7\",\"function\":{\"name\":\"i\",\"arguments\":12}},{\"index\":null,\"function\":null},42,null]}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":{\"index\":0}}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"a\"},\"function\":{\"arguments\":\"last function wins\"}}]}}]}",
            // choices: other indexes, odd indexes, not objects, not an array, repeated members
            "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other choice\"}},{\"index\":0,\"delta\":{\"content\":\"mine\"}}]}",
            "{\"choices\":[{\"index\":\"0\",\"delta\":{\"content\":\"text index\"}},{\"index\":\"x\",\"delta\":{\"content\":\"bad index\"}},{\"index\":null,\"delta\":{\"content\":\"null index\"}},{\"index\":0.0,\"delta\":{\"content\":\"float index\"}},{\"index\":true,\"delta\":{\"content\":\"bool\"}}]}",
            "{\"choices\":[7,\"s\",null,[1],{\"index\":0,\"delta\":\"not an object\",\"finish_reason\":\"stop\"}]}",
            "{\"choices\":{\"index\":0}}",
            "{\"choices\":null}",
            "{\"choices\":[{\"delta\":{\"content\":\"first\"},\"delta\":{\"content\":\"second\"}}],\"choices\":[{\"delta\":{\"content\":\"last choices\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"first\",\"refusal\":\"dropped with its delta\"},\"delta\":{\"content\":\"second\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":12.50,\"refusal\":{\"why\":\"obj\"}},\"finish_reason\":5}]}",
            "{\"id\":17,\"model\":{\"m\":1},\"choices\":[]}",
            // finish and usage
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],\"usage\":null}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15,\"prompt_tokens_details\":{\"cached_tokens\":3},\"completion_tokens_details\":{\"reasoning_tokens\":2}}}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"prompt_cache_hit_tokens\":4}}",
            "{\"usage\":7}",
            // errors and malformed chunks
            "{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"null error is no error\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"error\":{\"message\":\"Rate limited\",\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}",
            "{\"error\":\"plain\"}",
            "{\"error\":{\"message\":\"first\"},\"error\":null}",
            "[1,2]",
            "\"text\"",
            "42",
            "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]} trailing",
            "{\"choices\":[{\"delta\":{\"content\":\"unterminated}}]}",
            "{\"id\":\"c1\",}",
            "{not json}");

    @Test
    void eachChunkAloneDecodesAsTheTreeDid() {
        for (String chunk : CHUNKS) {
            for (String data : new String[]{chunk, "  " + chunk + "\n"}) {
                assertThat(decodeAll(new OpenAiStreamDecoder(), List.of(data)))
                        .as(data)
                        .isEqualTo(decodeAll(new TreeOpenAiStreamDecoder(), List.of(data)));
            }
        }
    }

    @Test
    void chunksInSequenceDecodeAsTheTreeDid() {
        // state across chunks: the first chunk's start, tool indexes seen, finish, [DONE] and the end
        List<String> stream = new ArrayList<>();
        for (String c : CHUNKS) {
            if (c.contains("error") || !c.startsWith("{") || c.endsWith("trailing") || c.contains("unterminated")
                    || c.endsWith(",}") || c.equals("{not json}")) continue;
            stream.add(c);
        }
        List<String> withDone = new ArrayList<>(stream);
        withDone.add("[DONE]");
        withDone.add("{\"choices\":[{\"delta\":{\"content\":\"after done\"}}]}");
        for (List<String> s : List.of(stream, withDone, stream.subList(0, 5))) {
            assertThat(decodeAll(new OpenAiStreamDecoder(), s)).isEqualTo(decodeAll(new TreeOpenAiStreamDecoder(), s));
        }
        assertThat(decodeAll(new OpenAiStreamDecoder(), stream)).isNotEmpty();
    }

    @Test
    void recordedStreamsDecodeAsTheTreeDid() throws IOException {
        for (String fixture : List.of("chat-stream-text.sse", "chat-stream-tools.sse", "stream-error-midstream.sse")) {
            List<String> data = new ArrayList<>();
            try (InputStream in = getClass().getResourceAsStream("/wire/openai/" + fixture)) {
                byte[] b = in.readAllBytes();
                SseParser parser = new SseParser();
                parser.feed(b, 0, b.length, e -> data.add(e.data()));
                parser.finish(e -> data.add(e.data()));
            }
            List<StreamEvent> got = decodeAll(new OpenAiStreamDecoder(), data);
            assertThat(got).as(fixture).isEqualTo(decodeAll(new TreeOpenAiStreamDecoder(), data));
            assertThat(got).as(fixture).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    static List<StreamEvent> decodeAll(dev.arouter.translate.StreamDecoder decoder, List<String> data) {
        List<StreamEvent> out = new ArrayList<>();
        for (String d : data) out.addAll(decoder.decode(new SseEvent(null, d)));
        out.addAll(decoder.finish());
        return out;
    }
}
