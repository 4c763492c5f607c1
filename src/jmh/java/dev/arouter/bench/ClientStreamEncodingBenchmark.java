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
 * Translated streaming towards an Anthropic or Gemini client (an Anthropic or Gemini SDK calling an
 * OpenAI model), per upstream OpenAI chunk: decoded to IR events, encoded in the client's family
 * and rendered to bytes, as TranslatingStreamRelay.onEvent does it. The mirror of
 * {@link StreamTranslationBenchmark}, which measures the decoders towards an OpenAI client. The
 * transcript's events are replayed in order; at its end the stream is closed and the next
 * operation starts a new stream. One operation = one upstream event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientStreamEncodingBenchmark {

    @Param({"openai/chat-stream-text.sse", "openai/chat-stream-tools.sse"})
    public String transcript;

    @Param({"anthropic", "gemini"})
    public String client;

    private Family clientFamily;
    private SseEvent[] events;
    private int next;
    private StreamTranslator translator;

    @Setup
    public void setup() {
        clientFamily = Family.valueOf(client.toUpperCase(Locale.ROOT));
        events = Wire.events(transcript).toArray(SseEvent[]::new);
        // One whole stream must give the client family's events and its normal end.
        StreamTranslator t = newStream();
        StringBuilder out = new StringBuilder();
        for (SseEvent e : events) out.append(new String(t.render(t.onUpstreamEvent(e)), StandardCharsets.UTF_8));
        out.append(new String(t.render(t.onUpstreamEnd()), StandardCharsets.UTF_8));
        Wire.check(t.terminated() && t.earlyError() == null, transcript + " did not end normally");
        String text = out.toString();
        Wire.check(clientFamily == Family.ANTHROPIC
                        ? text.contains("event: content_block_delta") && text.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
                        : text.contains("\"finishReason\"") && text.endsWith("\r\n\r\n"),
                transcript + " gave no " + client + " events");
        next = 0;
    }

    private final ClientBytes relayBuffer = new ClientBytes();

    private StreamTranslator newStream() {
        return StreamTranslator.of(Family.OPENAI, clientFamily, false);
    }

    @Benchmark
    public void upstreamEventToClient(Blackhole bh) {
        if (next == 0) translator = newStream();
        List<SseEvent> out = translator.onUpstreamEvent(events[next]);
        relayBuffer.reset(); // the relay's reused buffer
        translator.render(out, relayBuffer);
        bh.consume(relayBuffer.length());
        if (++next == events.length) {
            bh.consume(translator.render(translator.onUpstreamEnd()));
            next = 0;
        }
    }
}
