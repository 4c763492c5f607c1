package dev.arouter.bench;

import dev.arouter.json.Json;
import dev.arouter.translate.ChatResponseDecoder;
import dev.arouter.translate.ChatResponseEncoder;
import dev.arouter.translate.Codecs;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.Family;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A non-streamed Anthropic answer relayed to an OpenAI client, as RelayTranslatedResponse does
 * it: body bytes parsed to a tree, decoded to the IR, the public model id set, encoded as an
 * OpenAI chat.completion and serialised. One operation = one response body.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResponseTranslationBenchmark {

    /** {@code text}: one text block; {@code tools}: a text block and two tool_use blocks. */
    @Param({"text", "tools"})
    public String shape;

    private byte[] anthropic;
    private final ChatResponseDecoder decoder = Codecs.responseDecoder(Family.ANTHROPIC);
    private final ChatResponseEncoder encoder = Codecs.responseEncoder(Family.OPENAI);

    @Setup
    public void setup() throws IOException {
        anthropic = Wire.bytes("anthropic/messages-" + shape + ".response.json");
        String out = new String(anthropicToOpenAi(), StandardCharsets.UTF_8);
        Wire.check(out.contains("\"choices\"") && out.contains("\"usage\""), shape + " translated without choices/usage");
    }

    @Benchmark
    public byte[] anthropicToOpenAi() throws IOException {
        ChatResponse response = decoder.decode(Json.MAPPER.readTree(anthropic));
        response.model = "anthropic/claude-sonnet-4-5";
        return Json.bytes(encoder.encode(response));
    }
}
