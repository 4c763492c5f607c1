package dev.arouter.translate;

import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseParser;
import dev.arouter.translate.sse.SseWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Upstream stream bytes → client stream bytes, one upstream event at a time:
 * {@link SseParser} → {@link StreamDecoder} → {@link StreamEncoder} → {@link SseWriter}. Not
 * thread-safe; one per stream. A caller that parses the upstream itself (TranslatingStreamRelay)
 * hands in parsed events and {@link #render}s what comes out; the parser of the raw-bytes methods
 * is only made when they are used.
 *
 * <p>Mid-stream upstream errors are re-framed with {@link ApiError#asUpstreamFailure()}. If the
 * very first upstream event is an error, nothing has been written yet and {@link #earlyError()}
 * returns it so the caller can still answer with an HTTP error status instead of a 200 stream.
 */
public final class StreamTranslator {
    private SseParser parser; // only for feed/finish
    private final StreamDecoder decoder;
    private final StreamEncoder encoder;
    private final SseWriter writer;
    private boolean wroteAnything;
    private ApiError earlyError;
    private boolean terminated;

    public StreamTranslator(StreamDecoder decoder, StreamEncoder encoder) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.writer = new SseWriter(encoder.lineEnding());
    }

    public static StreamTranslator of(Family upstream, Family client, boolean clientWantsUsage) {
        return new StreamTranslator(Codecs.streamDecoder(upstream), Codecs.streamEncoder(client, clientWantsUsage));
    }

    /** Translates one parsed upstream event. */
    public List<SseEvent> onUpstreamEvent(SseEvent e) {
        return encodeAll(decoder.decode(e));
    }

    /** Call at the end of the upstream body (also after an I/O failure): closes or fails the client stream. */
    public List<SseEvent> onUpstreamEnd() {
        return encodeAll(decoder.finish());
    }

    /** The client bytes of events this translator returned, in the encoder's framing. */
    public byte[] render(List<SseEvent> events) {
        return writer.render(events);
    }

    /** The same bytes, handed to {@code sink} (e.g. a relay's reused buffer) instead of a new array. */
    public void render(List<SseEvent> events, SseWriter.Sink sink) {
        writer.render(events, sink);
    }

    /** Raw-bytes convenience: feeds upstream bytes, returns client bytes to write (possibly empty). */
    public byte[] feed(byte[] buf, int off, int len) {
        List<SseEvent> events = new ArrayList<>();
        parser().feed(buf, off, len, e -> events.addAll(onUpstreamEvent(e)));
        return render(events);
    }

    /** Raw-bytes convenience for the end of the upstream body. */
    public byte[] finish() {
        List<SseEvent> events = new ArrayList<>();
        parser().finish(e -> events.addAll(onUpstreamEvent(e)));
        events.addAll(onUpstreamEnd());
        return render(events);
    }

    private SseParser parser() {
        if (parser == null) parser = new SseParser();
        return parser;
    }

    public StreamEncoder encoder() {
        return encoder;
    }

    /** The upstream error, when it came before any client output. */
    public ApiError earlyError() {
        return earlyError;
    }

    /** True once the client stream has been closed normally or with an error event. */
    public boolean terminated() {
        return terminated;
    }

    private List<SseEvent> encodeAll(List<StreamEvent> in) {
        List<SseEvent> out = null;
        boolean own = false;
        for (StreamEvent ev : in) {
            if (ev instanceof StreamEvent.Error err) {
                ev = new StreamEvent.Error(err.error().asUpstreamFailure());
                if (!wroteAnything && earlyError == null) earlyError = ((StreamEvent.Error) ev).error();
            }
            if (ev instanceof StreamEvent.Error || ev instanceof StreamEvent.End) terminated = true;
            List<SseEvent> encoded = encoder.encode(ev);
            if (out == null) {
                out = encoded; // most upstream events give one IR event: its list is the answer
            } else if (!encoded.isEmpty()) {
                if (!own) {
                    out = new ArrayList<>(out);
                    own = true;
                }
                out.addAll(encoded);
            }
        }
        if (out == null) return List.of();
        if (!out.isEmpty()) wroteAnything = true;
        return out;
    }
}
