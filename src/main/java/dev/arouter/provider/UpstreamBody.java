package dev.arouter.provider;

import dev.arouter.ingress.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.hc.core5.io.Closer;

/** Reading and abandoning upstream response bodies. */
public final class UpstreamBody {

    private UpstreamBody() {
    }

    /** Reads a whole (non-streaming) body, refusing one larger than {@code limit} bytes. */
    public static byte[] read(Object body, long limit) throws IOException {
        return read(body, limit, -1);
    }

    /**
     * Reads a whole (non-streaming) body, refusing one larger than {@code limit} bytes. With the
     * announced length ({@code sizeHint}, -1 when unknown) the body lands in one exactly sized
     * array; without it the buffer starts small and doubles (a chat answer is ~1 KB, while
     * {@code InputStream.readNBytes} starts every read with 16 KB).
     */
    public static byte[] read(Object body, long limit, long sizeHint) throws IOException {
        if (body == null) return new byte[0];
        if (body instanceof byte[] b) return b;
        if (body instanceof String s) return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!(body instanceof InputStream in)) {
            throw new IOException("unexpected upstream body type " + body.getClass().getName());
        }
        try (in) {
            long cap = Math.min(Integer.MAX_VALUE - 8, limit + 1);
            byte[] buf = new byte[(int) Math.min(cap, sizeHint >= 0 ? Math.max(sizeHint, 1) : 2048)];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    int next = in.read();
                    if (next < 0) return buf; // exactly full: no copy
                    if (n >= cap) break;
                    buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max(16L, buf.length * 2L)));
                    buf[n++] = (byte) next;
                    if (n > limit) break;
                    continue;
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) return Arrays.copyOf(buf, n);
                n += r;
                if (n > limit) break;
            }
            abort(in);
            throw new GatewayException(502, "upstream_error", "upstream_response_too_large", null,
                    "The provider's response exceeded " + limit + " bytes.");
        }
    }

    /**
     * Drops the upstream connection instead of draining it: HttpClient's plain close reads a chunked
     * body to its end, which for an LLM means the model keeps generating (and billing) for nobody.
     */
    public static void abort(InputStream in) {
        if (in instanceof UpstreamTimeouts.WatchedBody watched) {
            try {
                watched.abort();
            } catch (IOException ignored) {
                // the connection is discarded either way
            }
        } else if (in instanceof org.apache.hc.core5.http.io.EofSensorInputStream eof) {
            try {
                eof.abort();
            } catch (IOException ignored) {
                // the connection is discarded either way
            }
        } else {
            Closer.closeQuietly(in);
        }
    }

}
