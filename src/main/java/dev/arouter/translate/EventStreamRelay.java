package dev.arouter.translate;

import dev.arouter.ingress.RequestContext;
import dev.arouter.provider.UpstreamBody;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 *
 * <p>Given the client's response stream ({@link #endInto}), the read that ends the client's stream
 * (OpenAI's {@code [DONE]}, Anthropic's {@code message_stop}, a translator's last event, or what
 * the upstream body's end or failure becomes) writes those last bytes itself and closes the
 * response, so they and the chunked encoding's terminator leave in one write, not in the
 * servlet's write after the read and a second one when it meets the end of the body; nothing waits
 * for the upstream body's own end once the client's stream is over.
 */
public abstract class EventStreamRelay extends InputStream {

    private final InputStream upstream;
    private final SseReader reader;
    protected final RequestContext ctx;
    private final ClientBytes out = new ClientBytes(); // the client bytes of the current event
    private int outPos;                                 // how much of them is handed out
    private boolean ended;
    private boolean closed;
    private ClientOutput clientOutput; // where the stream's last bytes go, with the response's end

    /** Opens the client's response stream. */
    @FunctionalInterface
    public interface ClientOutput {
        OutputStream open() throws IOException;
    }

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

    /**
     * True once the client's stream has its last event, so nothing after it would be written
     * (stricter than {@link #complete}: an Anthropic stream is complete at its stop reason, over
     * only at {@code message_stop}).
     */
    protected abstract boolean over();

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** The client's response: the read that ends the client's stream writes its bytes there and closes it. */
    public void endInto(ClientOutput output) {
        this.clientOutput = output;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (outPos >= out.length()) {
            if (ended || closed) return -1;
            next(); // only once the previous event is handed out: its buffer is reused
        }
        int n = take(b, off, len);
        // events already received join this write; one that does not fit waits for the next read
        while (n < len && !ended && !closed && reader.hasReady()) {
            next();
            n += take(b, off + n, len - n);
            if (outPos < out.length()) break;
        }
        if (clientOutput != null && outPos >= out.length() && (ended || over())) {
            if (!ended) { // the client has its whole stream; close() lets the upstream body finish
                ended = true;
                ctx.finished();
            }
            OutputStream client = clientOutput.open();
            client.write(b, off, n);
            client.close();
            return -1;
        }
        return n;
    }

    private int take(byte[] b, int off, int len) {
        int n = Math.min(len, out.length() - outPos);
        System.arraycopy(out.array(), outPos, b, off, n);
        outPos += n;
        return n;
    }

    /** Puts the client bytes of what comes next (an event, the end, or the failure) in {@link #out}. */
    private void next() {
        out.reset();
        outPos = 0;
        SseEvent event;
        try {
            event = reader.next();
        } catch (IOException e) {
            if (closed) return;
            ended = true;
            ctx.end(e instanceof SocketTimeoutException ? 504 : 502, "upstream_error");
            ctx.finished();
            UpstreamBody.abort(upstream);
            out.write(onFailure(e));
            return;
        }
        if (event == null) {
            ended = true;
            ctx.finished();
            out.write(onEnd());
            return;
        }
        ctx.firstByte();
        onEvent(event, out);
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
