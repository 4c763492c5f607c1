package dev.arouter.bench;

import dev.arouter.translate.sse.SseParser;
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
 * {@link SseParser}: one whole recorded upstream stream body (bytes as on the wire) fed in one
 * call, every event handed to the sink. One operation = one transcript; divide by the event
 * count (docs/BENCHMARKS.md) for a per-event figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SseParserBenchmark {

    /** OpenAI ({@code data:} only, LF), Anthropic ({@code event:} + {@code data:}), Gemini (CRLF). */
    @Param({"openai/chat-stream-text.sse", "anthropic/messages-stream-text.sse", "gemini/stream-text.sse"})
    public String transcript;

    private byte[] body;

    @Setup
    public void setup() {
        body = Wire.bytes(transcript);
        Wire.events(transcript); // throws when the transcript yields no event
    }

    @Benchmark
    public void parseTranscript(Blackhole bh) {
        SseParser parser = new SseParser(); // one per stream, as in SseReader
        parser.feed(body, 0, body.length, bh::consume);
        parser.finish(bh::consume);
    }
}
