package dev.arouter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.json.Json;
import dev.arouter.translate.ChatRequestDecoder;
import dev.arouter.translate.ChatRequestEncoder;
import dev.arouter.translate.Codecs;
import dev.arouter.translate.ir.ChatRequest;
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
 * A translated request as the gateway handles it: the client's body bytes parsed to a tree (as
 * the ingress does), decoded to the IR, encoded for the provider's family, and serialised (as
 * prepareUpstreamCall does). One operation = one request body.
 *
 * <p>{@code shape}: {@code text} is the plain one-turn request ({@code *-text.request.json});
 * {@code tools-followup} the second turn of a tool loop with two tool calls and their results.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestTranslationBenchmark {

    @Param({"text", "tools-followup"})
    public String shape;

    private byte[] openAi;
    private byte[] anthropic;
    private final ChatRequestDecoder openAiDecoder = Codecs.requestDecoder(Family.OPENAI);
    private final ChatRequestDecoder anthropicDecoder = Codecs.requestDecoder(Family.ANTHROPIC);
    private final ChatRequestEncoder openAiEncoder = Codecs.requestEncoder(Family.OPENAI, 8192);
    private final ChatRequestEncoder anthropicEncoder = Codecs.requestEncoder(Family.ANTHROPIC, 8192);
    private final ChatRequestEncoder geminiEncoder = Codecs.requestEncoder(Family.GEMINI, 8192);

    @Setup
    public void setup() throws IOException {
        openAi = Wire.bytes("openai/chat-" + shape + ".request.json");
        anthropic = Wire.bytes("anthropic/messages-" + shape + ".request.json");
        expect(openAiToAnthropic(), "\"messages\"");
        expect(openAiToGemini(), "\"contents\"");
        expect(anthropicToOpenAi(), "\"messages\"");
        for (ChatRequestEncoder e : new ChatRequestEncoder[] {anthropicEncoder, geminiEncoder}) {
            Wire.check(e.mediaNeedingFetch(openAiDecoder.decode(Json.MAPPER.readTree(openAi))).isEmpty(),
                    shape + " would need a media download");
        }
    }

    private void expect(byte[] out, String member) {
        Wire.check(new String(out, StandardCharsets.UTF_8).contains(member), shape + " translated without " + member);
    }

    private static byte[] translate(byte[] body, ChatRequestDecoder decoder, ChatRequestEncoder encoder, String model)
            throws IOException {
        JsonNode tree = Json.MAPPER.readTree(body);
        ChatRequest request = decoder.decode(tree);
        request.model = model; // what TranslateRequest sets before encoding
        request.includeUsage = true;
        return Json.bytes(encoder.encode(request));
    }

    @Benchmark
    public byte[] openAiToAnthropic() throws IOException {
        return translate(openAi, openAiDecoder, anthropicEncoder, "claude-sonnet-4-5");
    }

    @Benchmark
    public byte[] openAiToGemini() throws IOException {
        return translate(openAi, openAiDecoder, geminiEncoder, "gemini-2.5-flash");
    }

    @Benchmark
    public byte[] anthropicToOpenAi() throws IOException {
        return translate(anthropic, anthropicDecoder, openAiEncoder, "gpt-5.4-mini");
    }
}
