package dev.arouter.translate;

import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.sse.SseEvent;

import java.util.List;

/** Upstream SSE events → IR stream events. Stateful: one instance per stream, not thread-safe. */
public interface StreamDecoder {

    /** Translates one upstream event as it arrives; returns zero or more IR events. */
    List<StreamEvent> decode(SseEvent event);

    /**
     * Call once when the upstream body ends. Returns {@link StreamEvent.End} when the stream was
     * complete but its end was implicit (Gemini), an {@link StreamEvent.Error} when it was cut
     * short, or nothing when the end or an error was already reported.
     */
    List<StreamEvent> finish();
}
