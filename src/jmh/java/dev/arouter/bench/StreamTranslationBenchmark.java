package dev.arouter.bench;

import dev.arouter.translate.ClientBytes;
import dev.arouter.translate.StreamTranslator;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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
 * Translated streaming, per upstream event, as TranslatingStreamRelay.onEvent does it: one parsed
 * upstream event decoded to IR events, encoded as OpenAI chunks and rendered to bytes by the
 * stream's StreamTranslator.render into a reused buffer, as the relay does. The
 * transcript's events are replayed in order; at its end the stream is closed (onUpstreamEnd) and
 * the next operation starts a new stream with a new decoder and encoder, so the per-stream work is
 * spread over the events. One operation = one upstream event (SSE parsing not included: see
 * {@link SseParserBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamTranslationBenchmark {

    @Param({"anthropic/messages-stream-text.sse", "anthropic/messages-stream-tools.sse",
            "gemini/stream-text.sse", "gemini/stream-tools.sse"})
    public String transcript;

    private Family upstream;
    private SseEvent[] events;
    private int next;
    private StreamTranslator translator;

    @Setup
    public void setup() {
        upstream = Family.valueOf(transcript.substring(0, transcript.indexOf('/')).toUpperCase(Locale.ROOT));
        events = Wire.events(transcript).toArray(SseEvent[]::new);
        // One whole stream must give OpenAI chunks and a normal end.
        StreamTranslator t = newStream();
        StringBuilder out = new StringBuilder();
        for (SseEvent e : events) out.append(new String(t.render(t.onUpstreamEvent(e)), StandardCharsets.UTF_8));
        out.append(new String(t.render(t.onUpstreamEnd()), StandardCharsets.UTF_8));
        Wire.check(t.terminated() && t.earlyError() == null, transcript + " did not end normally");
        Wire.check(out.toString().contains("chat.completion.chunk") && out.toString().endsWith("data: [DONE]\n\n"),
                transcript + " gave no OpenAI chunks");
        next = 0;
    }

    private final ClientBytes relayBuffer = new ClientBytes();

    private StreamTranslator newStream() {
        return StreamTranslator.of(upstream, Family.OPENAI, true); // the client asked for usage
    }

    @Benchmark
    public void upstreamEventToOpenAi(Blackhole bh) {
        if (next == 0) translator = newStream();
        List<SseEvent> chunks = translator.onUpstreamEvent(events[next]);
        relayBuffer.reset(); // the relay's reused buffer
        translator.render(chunks, relayBuffer);
        bh.consume(relayBuffer.length());
        if (++next == events.length) {
            bh.consume(translator.render(translator.onUpstreamEnd()));
            next = 0;
        }
    }
}
