package dev.arouter.translate.sse;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental Server-Sent Events parser following the WHATWG event-stream rules: lines end with
 * LF, CRLF or CR; lines starting with {@code :} are comments; several {@code data:} lines join
 * with {@code \n}; an event is dispatched at a blank line and only when it has data; a single
 * space after the colon is dropped. Bytes are buffered until a line is complete, so an event or a
 * UTF-8 sequence split across network reads is reassembled before decoding.
 *
 * A single leading UTF-8 byte order mark is ignored, as the WHATWG decode step requires.
 *
 * <p>One deviation for robustness: at end of input, an event whose lines are all complete but
 * which lacks the final blank line is still dispatched (several upstreams end the body that way);
 * a trailing partial line is discarded as truncated.
 *
 * <p>Not thread-safe; one instance per stream.
 */
public final class SseParser {

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lastWasCr;
    private byte[] data = new byte[512]; // the event's data lines, joined with \n, decoded once at dispatch
    private int dataLength;
    private boolean hasData;
    private String event;
    private String id;
    /** Bytes of a leading UTF-8 BOM matched so far; -1 once the stream start has been decided. */
    private int bomMatched;
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Feeds bytes; every event completed by them is handed to {@code sink} in order. */
    public void feed(byte[] buf, int off, int len, Consumer<SseEvent> sink) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte b = buf[i];
            if (bomMatched >= 0) { // WHATWG: one leading BOM is stripped (may span reads)
                if (b == BOM[bomMatched]) {
                    if (++bomMatched == BOM.length) bomMatched = -1;
                    continue;
                }
                for (int k = 0; k < bomMatched; k++) append(BOM[k]); // not a BOM after all
                bomMatched = -1;
            }
            if (b == '\n') {
                if (lastWasCr) { // second half of CRLF: the line was already ended by CR
                    lastWasCr = false;
                    continue;
                }
                endLine(sink);
            } else if (b == '\r') {
                lastWasCr = true;
                endLine(sink);
            } else {
                lastWasCr = false;
                append(b);
            }
        }
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            byte[] bigger = new byte[line.length * 2];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        line[lineLength++] = b;
    }

    /** Signals end of input: dispatches a complete-lined event that lacked its blank line. */
    public void finish(Consumer<SseEvent> sink) {
        lineLength = 0; // a partial last line is truncated input
        dispatch(sink);
    }

    private void endLine(Consumer<SseEvent> sink) {
        if (lineLength == 0) {
            dispatch(sink);
            return;
        }
        if (line[0] == ':') { // comment, e.g. ": keep-alive"
            lineLength = 0;
            return;
        }
        int colon = -1;
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameEnd = colon < 0 ? lineLength : colon;
        int vs = colon < 0 ? lineLength : colon + 1;
        if (vs < lineLength && line[vs] == ' ') vs++;
        String field = fieldName(nameEnd);
        switch (field) {
            case "data" -> {
                if (hasData) appendData(NEWLINE, 0, 1);
                appendData(line, vs, lineLength - vs);
                hasData = true;
            }
            case "event" -> event = new String(line, vs, lineLength - vs, StandardCharsets.UTF_8);
            case "id" -> {
                String value = new String(line, vs, lineLength - vs, StandardCharsets.UTF_8);
                if (value.indexOf('\0') < 0) id = value;
            }
            default -> { } // "retry" and unknown fields are ignored
        }
        lineLength = 0;
    }

    private void appendData(byte[] src, int off, int len) {
        if (dataLength + len > data.length) data = java.util.Arrays.copyOf(data, Math.max(dataLength + len, data.length * 2));
        System.arraycopy(src, off, data, dataLength, len);
        dataLength += len;
    }

    /** The field name without allocating for the three names that matter. */
    private String fieldName(int length) {
        if (length == 4 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a') return "data";
        if (length == 5 && line[0] == 'e' && line[1] == 'v' && line[2] == 'e' && line[3] == 'n' && line[4] == 't') {
            return "event";
        }
        if (length == 2 && line[0] == 'i' && line[1] == 'd') return "id";
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    private void dispatch(Consumer<SseEvent> sink) {
        if (hasData) {
            sink.accept(SseEvent.received(event, java.util.Arrays.copyOf(data, dataLength), id));
        }
        dataLength = 0;
        hasData = false;
        event = null;
    }
}
