package dev.arouter.translate;

import dev.arouter.ingress.RequestContext;
import dev.arouter.provider.UpstreamBody;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * A streamed response body that relays an upstream SSE stream as events arrive: the servlet
 * flushes after each {@code read}, so nothing is held back. A read returns the next event and,
 * while they fit, the events that arrived with it (one network read often carries several, e.g.
 * a stream's last content, usage and {@code [DONE]}), so they go out in one write; it never waits
 * for an event that has not arrived. Subclasses say what each upstream
 * event becomes for the client ({@link #onEvent}, written into a buffer the relay reuses for every
 * event, so relaying allocates no array per event), how the stream ends ({@link #onEnd}), and what
 * a broken upstream connection becomes ({@link #onFailure}). Closing before the end means the
 * client went away: the upstream connection is aborted, not drained.
 */
public abstract class EventStreamRelay extends InputStream {

    private final InputStream upstream;
    private final SseReader reader;
    protected final RequestContext ctx;
    private final ClientBytes out = new ClientBytes();
    private byte[] pending = ClientBytes.NOTHING; // [pendingPos, pendingEnd) still to hand out
    private int pendingPos;
    private int pendingEnd;
    private boolean ended;
    private boolean closed;

    protected EventStreamRelay(InputStream upstream, RequestContext ctx) {
        this.upstream = upstream;
        this.reader = new SseReader(upstream);
        this.ctx = ctx;
    }

    /** Writes the client bytes for one upstream event into {@code out}; nothing to emit nothing for it. */
    protected abstract void onEvent(SseEvent event, ClientBytes out);

    /** Client bytes closing the stream after the upstream body ended. */
    protected abstract byte[] onEnd();

    /** Client bytes (an in-stream error event) after the upstream connection failed. */
    protected abstract byte[] onFailure(IOException e);

    /** True when the client has received a complete stream (so a close afterwards is no disconnect). */
    protected abstract boolean complete();

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        while (pendingPos >= pendingEnd) {
            if (ended || closed) return -1;
            next(); // only once the previous event is handed out: the buffer it is in is reused
        }
        int n = takePending(b, off, len);
        // events already received join this write; one that does not fit waits for the next read
        while (n < len && !ended && !closed && reader.hasReady()) {
            next();
            n += takePending(b, off + n, len - n);
            if (pendingPos < pendingEnd) break;
        }
        return n;
    }

    private int takePending(byte[] b, int off, int len) {
        int n = Math.min(len, pendingEnd - pendingPos);
        System.arraycopy(pending, pendingPos, b, off, n);
        pendingPos += n;
        return n;
    }

    /** The next upstream event (or the end, or the failure) as the client bytes pending. */
    private void next() {
        byte[] bytes = nextBytes();
        if (bytes != null) {
            pending = bytes;
            pendingEnd = bytes.length;
        } else {
            pending = out.array();
            pendingEnd = out.length();
        }
        pendingPos = 0;
    }

    /** The client bytes of what comes next, or null when they were written into {@link #out}. */
    private byte[] nextBytes() {
        SseEvent event;
        try {
            event = reader.next();
        } catch (IOException e) {
            if (closed) return ClientBytes.NOTHING;
            ended = true;
            ctx.end(e instanceof SocketTimeoutException ? 504 : 502, "upstream_error");
            ctx.finished();
            UpstreamBody.abort(upstream);
            return onFailure(e);
        }
        if (event == null) {
            ended = true;
            ctx.finished();
            return onEnd();
        }
        ctx.firstByte();
        out.reset();
        onEvent(event, out);
        return null;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (!ended && !complete()) {
            ctx.end(499, "client_closed");
            ctx.finished();
            UpstreamBody.abort(upstream);
        } else {
            try {
                upstream.close();
            } catch (IOException ignored) {
                // at its end already
            }
        }
    }
}
