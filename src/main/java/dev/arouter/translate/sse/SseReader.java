package dev.arouter.translate.sse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Pull-based reader of an SSE body: {@link #next()} blocks until the next whole event has arrived
 * and returns it, so a relay can forward each event as soon as the upstream produced it.
 */
public final class SseReader implements Closeable {

    private final InputStream in;
    private final SseParser parser = new SseParser();
    private final ArrayDeque<SseEvent> ready = new ArrayDeque<>();
    private final Consumer<SseEvent> enqueue = ready::add; // one sink per stream, not one per read
    private final byte[] buf;
    private boolean eof;

    /**
     * Reads in 2 KB pieces: an event larger than that is joined by the parser, and the HTTP client
     * below already buffers the socket ({@code arouter.upstream.buffer-size}), so a smaller piece
     * costs no extra system call. The buffer lives as long as the stream, and a burst of long
     * streams keeps thousands of them alive through every young collection (at 8 KB it was a sixth
     * of the heap a stream held).
     */
    public SseReader(InputStream in) {
        this(in, 2048);
    }

    public SseReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Returns the next event, or {@code null} at the end of the stream. */
    public SseEvent next() throws IOException {
        while (ready.isEmpty()) {
            if (eof) return null;
            int n = in.read(buf);
            if (n < 0) {
                eof = true;
                parser.finish(enqueue);
            } else if (n > 0) {
                parser.feed(buf, 0, n, enqueue);
            }
        }
        return ready.poll();
    }


    /**
     * True when {@link #next()} would return without reading: an event is parsed and waiting, or
     * the body has ended.
     */
    public boolean hasReady() {
        return !ready.isEmpty() || eof;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
