package dev.arouter.translate;

import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.sse.SseEvent;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** IR stream events → client SSE events in the family's framing. One instance per stream. */
public interface StreamEncoder {

    List<SseEvent> encode(StreamEvent event);

    /** Line ending used on the wire ({@code \r\n} for Gemini, {@code \n} otherwise). */
    default String lineEnding() {
        return "\n";
    }

    /** Serialises events for the response body. */
    default byte[] render(List<SseEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (SseEvent e : events) sb.append(e.encode(lineEnding()));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
