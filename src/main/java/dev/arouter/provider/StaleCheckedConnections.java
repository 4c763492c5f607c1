package dev.arouter.provider;

import java.io.IOException;
import java.net.Proxy;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Provider connections whose check before reuse does not wait.
 *
 * <p>Before reusing a pooled connection that sat idle, the HTTP client asks whether the provider
 * closed it in the meantime, by reading from the socket with a 1 ms timeout: a live connection
 * has nothing to read, so every such check waits the whole millisecond (1.1-1.3 ms measured on a
 * virtual thread). That was most of ARouter's time to first byte for a request after a pause
 * (1.35 ms of 1.5 ms from request in to provider call, at 50 streams spread 5 ms apart), and a
 * pause is the normal case for a gateway whose traffic is not a benchmark loop.
 *
 * <p>Here a connection's socket is backed by a {@link SocketChannel}, and the check is one
 * non-blocking read of the underlying TCP socket (below TLS): -1 means the provider closed it,
 * 0 means nothing arrived and the connection is reused, and any byte (an unsolicited 408, a TLS
 * alert) makes it unusable, as it would on its next request. Under TLS that also discards a live
 * connection whose server sent a record while it idled (a late TLS 1.3 session ticket or key
 * update): a new connection, never a failed request. Sockets the client makes through a proxy are
 * not channels; they keep the client's own check.
 */
public final class StaleCheckedConnections {

    private static final AtomicLong IDS = new AtomicLong();

    private StaleCheckedConnections() {
    }

    /** Opens provider connections on channel-backed sockets (TLS by {@code tls} for https). */
    public static HttpClientConnectionOperator operator(TlsSocketStrategy tls) {
        return new DefaultHttpClientConnectionOperator(StaleCheckedConnections::socket, null, null,
                RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build());
    }

    /** Makes the connections, whose check before reuse does not wait. */
    public static HttpConnectionFactory<ManagedHttpClientConnection> connectionFactory(Http1Config http1) {
        return socket -> {
            Connection c = new Connection(http1);
            if (socket != null) c.bind(socket);
            return c;
        };
    }

    static Socket socket(Proxy proxy) throws IOException {
        if (proxy != null && proxy.type() != Proxy.Type.DIRECT) return new Socket(proxy);
        return SocketChannel.open().socket();
    }

    /** One provider connection: the client's own, but with a staleness check that never blocks. */
    static final class Connection extends DefaultManagedHttpClientConnection {
        private volatile Socket base;

        Connection(Http1Config http1) {
            super("http-outgoing-" + IDS.getAndIncrement(), null, null, http1, null, null, null, null);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            base = socket;
            super.bind(socket);
        }

        @Override
        public void bind(SSLSocket ssl, Socket socket) throws IOException {
            base = socket;
            super.bind(ssl, socket);
        }

        /** The TCP socket under any TLS layer. */
        Socket baseSocket() {
            return base;
        }

        @Override
        public boolean isStale() throws IOException {
            if (!isOpen()) return true;
            Socket s = base;
            SocketChannel ch = s == null ? null : s.getChannel();
            if (ch == null) return super.isStale();
            synchronized (ch.blockingLock()) {
                try {
                    ch.configureBlocking(false);
                    try {
                        return ch.read(ByteBuffer.allocate(1)) != 0;
                    } finally {
                        ch.configureBlocking(true);
                    }
                } catch (IOException | RuntimeException e) {
                    return true; // reset, closed, or not switchable: not worth reusing either way
                }
            }
        }
    }
}
