package dev.arouter.translate.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental Server-Sent Events parser following the WHATWG event-stream rules: lines end with
 * LF, CRLF or CR; lines starting with {@code :} are comments; several {@code data:} lines join
 * with {@code \n}; an event is dispatched at a blank line and only when it has data; a single
 * space after the colon is dropped. A line cut by the end of a read is kept until its end arrives,
 * so an event or a UTF-8 sequence split across network reads is reassembled before decoding.
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

    /**
     * Feeds bytes; every event completed by them is handed to {@code sink} in order. A line that
     * ends inside {@code buf} is read where it lies (a scan for its end, then one copy of a data
     * value); only a line cut by the end of {@code buf} is carried over to the next call.
     */
    public void feed(byte[] buf, int off, int len, Consumer<SseEvent> sink) {
        int i = off;
        int end = off + len;
        while (bomMatched >= 0 && i < end) { // WHATWG: one leading BOM is stripped (may span reads)
            if (buf[i] == BOM[bomMatched]) {
                i++;
                if (++bomMatched == BOM.length) bomMatched = -1;
            } else {
                carry(BOM, 0, bomMatched); // not a BOM after all: those bytes start the first line
                bomMatched = -1;
            }
        }
        if (lastWasCr && i < end) { // the previous call ended on CR: an LF now is the rest of CRLF
            if (buf[i] == '\n') i++;
            lastWasCr = false;
        }
        while (i < end) {
            int eol = i;
            while (eol < end && buf[eol] != '\n' && buf[eol] != '\r') eol++;
            if (eol == end) { // no line end yet: keep the start of the line for the next call
                carry(buf, i, end - i);
                return;
            }
            if (lineLength == 0) {
                processLine(buf, i, eol - i, sink);
            } else { // the line began in an earlier call
                carry(buf, i, eol - i);
                int n = lineLength;
                lineLength = 0;
                processLine(line, 0, n, sink);
            }
            i = eol + 1;
            if (buf[eol] == '\r') {
                if (i == end) lastWasCr = true;
                else if (buf[i] == '\n') i++;
            }
        }
    }

    /** Keeps {@code b[off, off + n)} as the start of a line not yet ended. */
    private void carry(byte[] b, int off, int n) {
        if (lineLength + n > line.length) line = Arrays.copyOf(line, Math.max(lineLength + n, line.length * 2));
        System.arraycopy(b, off, line, lineLength, n);
        lineLength += n;
    }

    /** Signals end of input: dispatches a complete-lined event that lacked its blank line. */
    public void finish(Consumer<SseEvent> sink) {
        lineLength = 0; // a partial last line is truncated input
        dispatch(sink);
    }

    /** One complete line, {@code b[off, off + len)}, without its line end. */
    private void processLine(byte[] b, int off, int len, Consumer<SseEvent> sink) {
        if (len == 0) {
            dispatch(sink);
            return;
        }
        if (b[off] == ':') return; // comment, e.g. ": keep-alive"
        int end = off + len;
        int colon = off;
        while (colon < end && b[colon] != ':') colon++;
        int vs = colon < end ? colon + 1 : end;
        if (vs < end && b[vs] == ' ') vs++;
        switch (fieldName(b, off, colon - off)) {
            case "data" -> {
                if (hasData) appendData(NEWLINE, 0, 1);
                appendData(b, vs, end - vs);
                hasData = true;
            }
            case "event" -> event = new String(b, vs, end - vs, StandardCharsets.UTF_8);
            case "id" -> {
                String value = new String(b, vs, end - vs, StandardCharsets.UTF_8);
                if (value.indexOf('\0') < 0) id = value;
            }
            default -> { } // "retry" and unknown fields are ignored
        }
    }

    private void appendData(byte[] src, int off, int len) {
        if (dataLength + len > data.length) data = Arrays.copyOf(data, Math.max(dataLength + len, data.length * 2));
        System.arraycopy(src, off, data, dataLength, len);
        dataLength += len;
    }

    /** The field name without allocating for the three names that matter. */
    private static String fieldName(byte[] b, int off, int length) {
        if (length == 4 && b[off] == 'd' && b[off + 1] == 'a' && b[off + 2] == 't' && b[off + 3] == 'a') return "data";
        if (length == 5 && b[off] == 'e' && b[off + 1] == 'v' && b[off + 2] == 'e' && b[off + 3] == 'n'
                && b[off + 4] == 't') {
            return "event";
        }
        if (length == 2 && b[off] == 'i' && b[off + 1] == 'd') return "id";
        return new String(b, off, length, StandardCharsets.UTF_8);
    }

    private void dispatch(Consumer<SseEvent> sink) {
        if (hasData) {
            sink.accept(SseEvent.received(event, Arrays.copyOf(data, dataLength), id));
        }
        dataLength = 0;
        hasData = false;
        event = null;
    }
}
