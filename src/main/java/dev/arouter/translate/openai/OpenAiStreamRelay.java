package dev.arouter.translate.openai;

import dev.arouter.ingress.RequestContext;
import dev.arouter.provider.UpstreamBody;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response body of a streamed OpenAI-family call: a pull-based stream that hands the servlet
 * one SSE event per {@code read} (platform-http flushes after every read, so each event reaches
 * the client as soon as the provider produced it; nothing is buffered). Each chunk gets the public
 * model id; usage is captured; the usage-only chunk the gateway asked for is dropped when the
 * client did not ask for it. A failure mid-stream becomes an OpenAI in-stream error event, never a
 * silent clean end. Closing before the end (the client went away) aborts the upstream connection
 * so the provider stops generating.
 */
public final class OpenAiStreamRelay extends InputStream {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiStreamRelay.class);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final InputStream upstream;
    private final SseReader reader;
    private final RequestContext ctx;
    private final String publicModel;
    private final boolean forwardUsageChunk;
    private byte[] pending = new byte[0];
    private int pendingPos;
    private boolean sawFinish;
    private boolean sawDone;
    private volatile boolean ended;
    private volatile boolean closed;

    public OpenAiStreamRelay(InputStream upstream, RequestContext ctx, String publicModel, boolean forwardUsageChunk) {
        this.upstream = upstream;
        this.reader = new SseReader(upstream);
        this.ctx = ctx;
        this.publicModel = publicModel;
        this.forwardUsageChunk = forwardUsageChunk;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pendingPos >= pending.length && !fill()) return -1;
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, b, off, n);
        pendingPos += n;
        return n;
    }

    /** Loads the next event to relay; false at the end of the stream. */
    private boolean fill() {
        while (!ended) {
            SseEvent event;
            try {
                event = reader.next();
            } catch (IOException e) {
                if (closed) return false;
                return emitFailure(e instanceof SocketTimeoutException
                        ? "The provider stopped sending in the middle of the stream (timeout)."
                        : "The connection to the provider was lost in the middle of the stream.", e);
            }
            if (event == null) {
                end();
                if (sawDone) return false;
                if (sawFinish) { // some compatible providers end without [DONE]; the client still gets one
                    set(DONE);
                    return true;
                }
                return emitFailure("The provider ended the stream before it was complete.", null);
            }
            ctx.firstByte();
            if ("[DONE]".equals(event.data().trim())) {
                sawDone = true;
                set(DONE);
                return true;
            }
            byte[] out = relay(event);
            if (out != null) {
                set(out);
                return true;
            }
        }
        return false;
    }

    private byte[] relay(SseEvent event) {
        byte[] json = event.data().getBytes(StandardCharsets.UTF_8);
        OpenAiPayload chunk;
        try {
            chunk = OpenAiPayload.read(json);
        } catch (IOException e) {
            LOG.debug("Request {}: relaying a non-JSON stream event unchanged", ctx.requestId());
            return frame(json);
        }
        if (chunk.isError()) {
            ctx.end(502, "upstream_error");
            return frame(json);
        }
        if (chunk.usage() != null) ctx.usage().reportOpenAi(chunk.usage());
        if (chunk.choicesEmpty()) {
            if (chunk.usage() != null && !forwardUsageChunk) return null;
        } else {
            ctx.usage().countStreamedPiece();
            if (event.data().contains("\"finish_reason\":\"") || event.data().contains("\"finish_reason\": \"")) {
                sawFinish = true;
            }
        }
        return frame(chunk.withModel(publicModel));
    }

    private boolean emitFailure(String message, Exception cause) {
        LOG.warn("Request {}: {} {}", ctx.requestId(), message, cause == null ? "" : cause.toString());
        ctx.end(cause instanceof SocketTimeoutException ? 504 : 502, "upstream_error");
        end();
        String json = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"upstream_error\",\"param\":null,"
                + "\"code\":\"stream_interrupted\"}}";
        set(frame(json.getBytes(StandardCharsets.UTF_8)));
        UpstreamBody.abort(upstream);
        return true;
    }

    private void end() {
        ended = true;
        ctx.finished();
    }

    private static byte[] frame(byte[] json) {
        byte[] out = new byte[DATA.length + json.length + END.length];
        System.arraycopy(DATA, 0, out, 0, DATA.length);
        System.arraycopy(json, 0, out, DATA.length, json.length);
        System.arraycopy(END, 0, out, DATA.length + json.length, END.length);
        return out;
    }

    private void set(byte[] bytes) {
        pending = bytes;
        pendingPos = 0;
    }

    /** True once the upstream stream was read to its end (or failed and was reported). */
    public boolean ended() {
        return ended;
    }

    /**
     * Closes the relay. Before the end this means the client is gone: the upstream connection is
     * aborted, not drained, and the request is recorded as closed by the client.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (!ended && !sawDone) {
            ctx.end(499, "client_closed");
            ctx.finished();
            UpstreamBody.abort(upstream);
        } else {
            try {
                upstream.close();
            } catch (IOException ignored) {
                // already at its end
            }
        }
    }
}
