package dev.arouter.provider;

import dev.arouter.config.ArouterProperties;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.springframework.stereotype.Component;

/**
 * Puts every provider call made by camel-http under {@link UpstreamDeadlines}: the wait for the
 * response head and every read of the body (each stream event) must end within the provider's
 * first-byte timeout. The route passes that timeout in the internal request header
 * {@value #TIMEOUT_HEADER}, which is removed here before the request leaves the gateway.
 *
 * <p>Configured as camel-http's {@code httpClientConfigurer} (it takes one), which also installs
 * the pool's keep-alive rule ({@link ProviderConnectionPool#keepAlive}); the connection pool has no
 * socket timeout of its own (see {@link UpstreamConnectionsConfiguration}).
 */
@Component("upstreamTimeouts")
public class UpstreamTimeouts implements HttpClientConfigurer, ExecChainHandler {

    /** Internal request header: the provider's first-byte timeout in milliseconds. */
    public static final String TIMEOUT_HEADER = "X-ARouter-First-Byte-Timeout-Ms";

    private final UpstreamDeadlines deadlines;
    private final Duration defaultTimeout;

    public UpstreamTimeouts(UpstreamDeadlines deadlines, ArouterProperties properties) {
        this.deadlines = deadlines;
        this.defaultTimeout = properties.getUpstream().getFirstByteTimeout();
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("arouter-upstream-timeouts", this);
        // camel-http takes one configurer: this one also gives the client the pool's keep-alive rule
        builder.setKeepAliveStrategy(ProviderConnectionPool::keepAlive);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        UpstreamDeadlines.Watch watch = deadlines.watch(timeoutOf(request));
        ClassicHttpResponse response;
        watch.beginWait();
        try {
            response = chain.proceed(request, scope);
        } catch (IOException | HttpException | RuntimeException e) {
            watch.close();
            if (watch.consumeTimeout()) throw watch.timeout();
            throw e;
        }
        try {
            watch.endWait();
        } catch (IOException e) {
            watch.close();
            response.close();
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            watch.close();
        } else {
            response.setEntity(new WatchedEntity(entity, watch));
        }
        return response;
    }

    private Duration timeoutOf(ClassicHttpRequest request) {
        Header h = request.getFirstHeader(TIMEOUT_HEADER);
        if (h == null) return defaultTimeout;
        request.removeHeaders(TIMEOUT_HEADER);
        try {
            return Duration.ofMillis(Long.parseLong(h.getValue()));
        } catch (NumberFormatException e) {
            return defaultTimeout;
        }
    }

    private static final class WatchedEntity extends HttpEntityWrapper {
        private final UpstreamDeadlines.Watch watch;
        private WatchedBody body;

        WatchedEntity(HttpEntity wrapped, UpstreamDeadlines.Watch watch) {
            super(wrapped);
            this.watch = watch;
        }

        @Override
        public InputStream getContent() throws IOException {
            if (body == null) body = new WatchedBody(super.getContent(), watch);
            return body;
        }

        @Override
        public void close() throws IOException {
            watch.close();
            super.close();
        }
    }

    /**
     * A response body whose every read is watched. {@link #abort} drops the connection (see
     * {@link UpstreamBody#abort}).
     */
    public static final class WatchedBody extends InputStream {
        private final InputStream in;
        private final UpstreamDeadlines.Watch watch;

        WatchedBody(InputStream in, UpstreamDeadlines.Watch watch) {
            this.in = in;
            this.watch = watch;
        }

        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            watch.beginWait();
            int n;
            try {
                n = in.read(buf, off, len);
            } catch (IOException | RuntimeException e) {
                watch.close();
                if (watch.consumeTimeout()) throw watch.timeout();
                throw e;
            }
            watch.endWait();
            if (n < 0) watch.close();
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        /** Closes the connection without reading the rest of the body. */
        public void abort() throws IOException {
            watch.close();
            if (in instanceof EofSensorInputStream eof) eof.abort();
            else in.close();
        }

        @Override
        public void close() throws IOException {
            watch.close();
            in.close();
        }
    }
}
