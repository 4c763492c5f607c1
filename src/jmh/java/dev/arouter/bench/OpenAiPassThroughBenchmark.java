package dev.arouter.bench;

import dev.arouter.translate.ClientBytes;
import dev.arouter.translate.openai.OpenAiPayload;
import dev.arouter.translate.sse.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The OpenAI pass-through work per stream chunk, as OpenAiStreamRelay.onEvent does it: the event's
 * data bytes as received, one {@link OpenAiPayload#read} pass over them (model position, usage,
 * finish, error) and the public model id spliced in, framed as an SSE data line in the same copy,
 * into the client-bytes buffer the relay reuses for every event. One operation = one chunk of
 * {@code openai/chat-stream-text.sse}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpenAiPassThroughBenchmark {

    /** {@code content}: a text delta; {@code finish}: the finish_reason chunk; {@code usage}: the usage-only chunk. */
    @Param({"content", "finish", "usage"})
    public String chunk;

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private byte[] data;
    private byte[] quotedModel;
    private final ClientBytes out = new ClientBytes();

    @Setup
    public void setup() throws IOException {
        List<SseEvent> events = Wire.events("openai/chat-stream-text.sse");
        SseEvent event = switch (chunk) {
            case "content" -> events.get(1);
            case "finish" -> events.stream().filter(e -> e.data().contains("\"finish_reason\":\"stop\""))
                    .findFirst().orElse(null);
            case "usage" -> events.stream().filter(e -> e.data().contains("\"choices\":[]"))
                    .findFirst().orElse(null);
            default -> null;
        };
        Wire.check(event != null, "no " + chunk + " chunk in the transcript");
        data = event.dataUtf8();
        quotedModel = OpenAiPayload.quote("openai/gpt-5.4-mini");
        OpenAiPayload p = OpenAiPayload.read(data);
        boolean shapeOk = switch (chunk) {
            case "content" -> !p.choicesEmpty() && !p.finished() && p.usage() == null;
            case "finish" -> !p.choicesEmpty() && p.finished();
            case "usage" -> p.choicesEmpty() && p.usage() != null;
            default -> false;
        };
        Wire.check(shapeOk && !p.isError(), chunk + " chunk not read as such");
        Wire.check(new String(p.withQuotedModel(quotedModel), StandardCharsets.UTF_8)
                .contains("\"model\":\"openai/gpt-5.4-mini\""), "model not spliced");
    }

    @Benchmark
    public int readAndSpliceModel(Blackhole bh) throws IOException {
        OpenAiPayload p = OpenAiPayload.read(data);
        bh.consume(p.isError());
        bh.consume(p.usage());
        bh.consume(p.choicesEmpty());
        bh.consume(p.finished());
        int n = p.splicedLength(quotedModel, DATA, END);
        out.reset();
        p.spliceInto(quotedModel, DATA, END, out.room(n), out.length());
        out.advance(n);
        return out.length();
    }
}
