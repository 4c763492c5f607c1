package dev.arouter.translate;

import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseWriter;

import java.util.List;

/** IR stream events → client SSE events in the family's framing. One instance per stream. */
public interface StreamEncoder {

    List<SseEvent> encode(StreamEvent event);

    /** Line ending used on the wire ({@code \r\n} for Gemini, {@code \n} otherwise). */
    default String lineEnding() {
        return "\n";
    }

    /**
     * Serialises events for the response body. A stream that renders event after event keeps one
     * {@link SseWriter} instead (as {@link StreamTranslator#render} does), which reuses its buffer.
     */
    default byte[] render(List<SseEvent> events) {
        return new SseWriter(lineEnding()).render(events);
    }
}
