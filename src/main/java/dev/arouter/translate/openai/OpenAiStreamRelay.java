package dev.arouter.translate.openai;

import dev.arouter.ingress.RequestContext;
import dev.arouter.translate.ClientBytes;
import dev.arouter.translate.EventStreamRelay;
import dev.arouter.translate.sse.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-family stream relayed to an OpenAI client, one event per read (see
 * {@link EventStreamRelay}). Each chunk gets the public model id; usage is captured; the
 * usage-only chunk the gateway asked for is dropped when the client did not ask for it. A failure
 * mid-stream becomes an OpenAI in-stream error event, never a silent clean end.
 */
public final class OpenAiStreamRelay extends EventStreamRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiStreamRelay.class);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTHING = new byte[0];
    private static final byte[] DONE_TOKEN = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final byte[] quotedModel; // spliced into every chunk: quoted once per stream
    private final boolean forwardUsageChunk;
    private boolean sawFinish;
    private boolean sawDone;

    public OpenAiStreamRelay(InputStream upstream, RequestContext ctx, String publicModel, boolean forwardUsageChunk) {
        super(upstream, ctx);
        this.quotedModel = OpenAiPayload.quote(publicModel);
        this.forwardUsageChunk = forwardUsageChunk;
    }

    @Override
    protected void onEvent(SseEvent event, ClientBytes out) {
        byte[] json = event.dataUtf8(); // the bytes as received: not decoded to text and back
        if (isDone(json)) {
            sawDone = true;
            out.write(DONE);
            return;
        }
        OpenAiPayload chunk;
        try {
            chunk = OpenAiPayload.read(json);
        } catch (IOException e) {
            LOG.debug("Request {}: relaying a non-JSON stream event unchanged", ctx.requestId());
            out.write(frame(event.data().getBytes(StandardCharsets.UTF_8)));
            return;
        }
        if (chunk.isError()) {
            ctx.end(502, "upstream_error");
            out.write(frame(json));
            return;
        }
        if (chunk.usage() != null) ctx.usage().reportOpenAi(chunk.usage());
        if (chunk.choicesEmpty()) {
            if (chunk.usage() != null && !forwardUsageChunk) return;
        } else {
            ctx.usage().countStreamedPiece();
            sawFinish |= chunk.finished();
        }
        if (chunk.hasModel()) { // the usual chunk: spliced and framed straight into the client bytes
            int n = chunk.splicedLength(quotedModel, DATA, END);
            chunk.spliceInto(quotedModel, DATA, END, out.room(n), out.length());
            out.advance(n);
        } else {
            out.write(chunk.withQuotedModel(quotedModel, DATA, END));
        }
    }

    /** True for the data {@code [DONE]}, surrounding whitespace allowed. */
    static boolean isDone(byte[] data) {
        int from = 0;
        int to = data.length;
        while (from < to && data[from] <= ' ') from++;
        while (to > from && data[to - 1] <= ' ') to--;
        if (to - from != 6) return false;
        for (int i = 0; i < 6; i++) {
            if (data[from + i] != DONE_TOKEN[i]) return false;
        }
        return true;
    }

    @Override
    protected byte[] onEnd() {
        if (sawDone) return NOTHING;
        if (sawFinish) return DONE; // some compatible providers end without [DONE]; the client still gets one
        ctx.end(502, "upstream_error");
        return failure("The provider ended the stream before it was complete.");
    }

    @Override
    protected byte[] onFailure(IOException e) {
        LOG.warn("Request {}: upstream stream failed: {}", ctx.requestId(), e.toString());
        return failure(e instanceof SocketTimeoutException
                ? "The provider stopped sending in the middle of the stream (timeout)."
                : "The connection to the provider was lost in the middle of the stream.");
    }

    @Override
    protected boolean complete() {
        return sawDone;
    }

    @Override
    protected boolean over() {
        return sawDone;
    }

    private static byte[] failure(String message) {
        String json = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"upstream_error\",\"param\":null,"
                + "\"code\":\"stream_interrupted\"}}";
        return frame(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(byte[] json) {
        byte[] out = new byte[DATA.length + json.length + END.length];
        System.arraycopy(DATA, 0, out, 0, DATA.length);
        System.arraycopy(json, 0, out, DATA.length, json.length);
        System.arraycopy(END, 0, out, DATA.length + json.length, END.length);
        return out;
    }
}
