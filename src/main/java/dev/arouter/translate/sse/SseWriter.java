package dev.arouter.translate.sse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ir.Json;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Client bytes of SSE events: exactly {@code e.encode(lineEnding).getBytes(UTF_8)} of each event,
 * concatenated, but written into one buffer (the data of a JSON event straight from Jackson's
 * UTF-8 generator) and copied out once: at its exact length, or into the caller's buffer
 * ({@link #render(List, Sink)}). The buffer is kept for
 * the next call, so a writer belongs to one stream (not thread-safe); one that an unusually large
 * event made grow is let go afterwards.
 */
public final class SseWriter {
    private static final byte[] LF = {'\n'};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTHING = new byte[0];
    private static final int INITIAL = 1024;
    private static final int RETAINED = 16 * 1024;

    private final byte[] eol;
    private byte[] buf;
    private int len;
    /** Jackson's view of the buffer. */
    private final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) {
            append(b, off, n);
        }
    };

    /** @param lineEnding the stream's line ending, {@code "\n"} or {@code "\r\n"} (Gemini) */
    public SseWriter(String lineEnding) {
        this.eol = "\n".equals(lineEnding) ? LF : "\r\n".equals(lineEnding) ? CRLF : lineEnding.getBytes(StandardCharsets.UTF_8);
    }

    /** The events' bytes, in order; an empty array for no events. */
    public byte[] render(List<SseEvent> events) {
        if (events.isEmpty()) return NOTHING;
        len = 0;
        for (SseEvent e : events) write(e);
        return take();
    }

    /** One event's bytes. */
    public byte[] render(SseEvent event) {
        len = 0;
        write(event);
        return take();
    }

    /** Where {@link #render(List, Sink)} hands the events' bytes; they are only valid during the call. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] b, int off, int len);
    }

    /**
     * The events' bytes, in order, handed to {@code sink} from the writer's own buffer: a relay
     * that copies them into its reused buffer then allocates no array per event.
     */
    public void render(List<SseEvent> events, Sink sink) {
        if (events.isEmpty()) return;
        len = 0;
        for (SseEvent e : events) write(e);
        sink.write(buf, 0, len);
        release();
    }

    /** One event's bytes, handed to {@code sink} likewise. */
    public void render(SseEvent event, Sink sink) {
        len = 0;
        write(event);
        sink.write(buf, 0, len);
        release();
    }

    private byte[] take() {
        byte[] out = Arrays.copyOf(buf, len);
        release();
        return out;
    }

    private void release() {
        len = 0;
        if (buf.length > RETAINED) buf = null;
    }

    private void write(SseEvent e) {
        if (e.event() != null) {
            append(EVENT, 0, EVENT.length);
            appendUtf8(e.event(), 0, e.event().length());
            append(eol, 0, eol.length);
        }
        if (e.id() != null) {
            append(ID, 0, ID.length);
            appendUtf8(e.id(), 0, e.id().length());
            append(eol, 0, eol.length);
        }
        JsonNode json = e.json();
        Json.Writable body = e.body();
        if (json != null || body != null) {
            int mark = len;
            append(DATA, 0, DATA.length);
            if (json != null) Json.writeUtf8(json, sink);
            else Json.writeUtf8(body, sink);
            if (oneLineAsText(mark + DATA.length)) {
                append(eol, 0, eol.length);
                append(eol, 0, eol.length);
                return;
            }
            len = mark; // rare: written below from the text, as encode() does
        }
        writeData(e.data());
        append(eol, 0, eol.length);
    }

    /**
     * True when the JSON bytes from {@code from} are what the text form would give: no line break
     * (Jackson escapes them; checked anyway, since data lines split there) and no {@code \}{@code uD…}
     * escape. The UTF-8 generator escapes a lone surrogate where the text, once encoded, has
     * {@code ?}; the sequence can also be a literal backslash and "uD" in a string, which is then
     * merely written the slow way, to the same bytes.
     */
    private boolean oneLineAsText(int from) {
        byte[] b = buf;
        for (int i = from; i < len; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') return false;
            if (c == '\\' && i + 2 < len && b[i + 1] == 'u' && (b[i + 2] == 'D' || b[i + 2] == 'd')) return false;
        }
        return true;
    }

    /** {@code data:} lines, split at LF, CRLF or CR like {@link SseEvent#encode(String)}. */
    private void writeData(String data) {
        int start = 0;
        int n = data.length();
        while (true) {
            int nl = start;
            while (nl < n && data.charAt(nl) != '\n' && data.charAt(nl) != '\r') nl++;
            append(DATA, 0, DATA.length);
            appendUtf8(data, start, nl);
            append(eol, 0, eol.length);
            if (nl >= n) break;
            start = (data.charAt(nl) == '\r' && nl + 1 < n && data.charAt(nl + 1) == '\n') ? nl + 2 : nl + 1;
        }
    }

    /** UTF-8 of {@code s[from, to)}, by {@code String.getBytes} (an unpaired surrogate becomes {@code ?}). */
    private void appendUtf8(String s, int from, int to) {
        byte[] b = (from == 0 && to == s.length() ? s : s.substring(from, to)).getBytes(StandardCharsets.UTF_8);
        append(b, 0, b.length);
    }

    private void append(byte[] src, int off, int n) {
        ensure(n);
        System.arraycopy(src, off, buf, len, n);
        len += n;
    }

    private void ensure(int n) {
        if (buf == null) {
            buf = new byte[Math.max(INITIAL, n)];
        } else if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
        }
    }
}
