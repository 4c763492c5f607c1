package dev.arouter.provider;

import dev.arouter.ingress.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.io.Closer;

/** Reading and abandoning upstream response bodies. */
public final class UpstreamBody {

    private UpstreamBody() {
    }

    /** Reads a whole (non-streaming) body, refusing one larger than {@code limit} bytes. */
    public static byte[] read(Object body, long limit) throws IOException {
        if (body == null) return new byte[0];
        if (body instanceof byte[] b) return b;
        if (body instanceof String s) return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!(body instanceof InputStream in)) {
            throw new IOException("unexpected upstream body type " + body.getClass().getName());
        }
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                abort(in);
                throw new GatewayException(502, "upstream_error", "upstream_response_too_large", null,
                        "The provider's response exceeded " + limit + " bytes.");
            }
            return bytes;
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
