package dev.arouter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pooled provider connections that the provider closed while idle are noticed before reuse (a POST
 * on one would fail, and is not retried), and live ones are reused, over plain HTTP and TLS. The
 * provider is a raw local server that closes a keep-alive connection after 150 ms of silence, as
 * servers with a keep-alive timeout do.
 */
class StaleCheckedConnectionsTest {

    @TempDir
    static Path dir;
    static SSLContext serverTls;
    static SSLContext clientTls;

    @BeforeAll
    static void selfSignedCertificate() throws Exception {
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "test-only", "-keypass", "test-only").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "test-only".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "test-only".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        clientTls = SSLContexts.custom().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
    }

    @Test
    void aConnectionTheProviderClosedWhileIdleIsNotReusedPlain() throws Exception {
        try (Upstream up = new Upstream(false, 150); Client c = new Client(false)) {
            assertThat(c.post(up)).isEqualTo("ok 1");
            up.awaitIdleClose(); // the provider closes the idle connection after 150 ms
            assertThat(c.post(up)).isEqualTo("ok 1");
            assertThat(up.connections.get()).as("a fresh connection for the second call").isEqualTo(2);
        }
    }

    @Test
    void aLiveIdleConnectionIsReusedPlain() throws Exception {
        try (Upstream up = new Upstream(false, -1); Client c = new Client(false)) {
            assertThat(c.post(up)).isEqualTo("ok 1");
            Thread.sleep(300); // longer than validate-after-inactivity: checked, found alive
            assertThat(c.post(up)).isEqualTo("ok 2");
            assertThat(up.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionTheProviderClosedWhileIdleIsNotReusedTls() throws Exception {
        try (Upstream up = new Upstream(true, 150); Client c = new Client(true)) {
            assertThat(c.post(up)).isEqualTo("ok 1");
            up.awaitIdleClose();
            assertThat(c.post(up)).isEqualTo("ok 1");
            assertThat(up.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void aLiveIdleConnectionIsReusedTls() throws Exception {
        try (Upstream up = new Upstream(true, -1); Client c = new Client(true)) {
            assertThat(c.post(up)).isEqualTo("ok 1");
            Thread.sleep(300);
            assertThat(c.post(up)).isEqualTo("ok 2");
            assertThat(c.post(up)).isEqualTo("ok 3");
            assertThat(up.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void theCheckLooksBelowTlsWithoutWaiting() throws Exception {
        // the non-blocking check needs the TCP socket under TLS to be a channel; otherwise the
        // client's own check would wait 1 ms on every reuse
        try (Upstream up = new Upstream(true, -1)) {
            var conn = new StaleCheckedConnections.Connection(Http1Config.DEFAULT);
            Socket base = StaleCheckedConnections.socket(null);
            base.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), up.port()));
            var tls = (javax.net.ssl.SSLSocket) clientTls.getSocketFactory().createSocket(base, "127.0.0.1", up.port(), true);
            tls.startHandshake();
            // as in the pool: a connection idles after an exchange, which also reads what a TLS 1.3
            // server sends after the handshake (session tickets); unread, those bytes would make a
            // live connection look unusable
            tls.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            String expected = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nok 1";
            assertThat(new String(tls.getInputStream().readNBytes(expected.length()), StandardCharsets.US_ASCII))
                    .isEqualTo(expected);
            conn.bind(tls, base);
            assertThat(conn.baseSocket().getChannel()).isNotNull();
            assertThat(conn.isStale()).isFalse();
            conn.close();
        }
    }

    /** The gateway's pool (checking after 100 ms idle) under a client that never retries. */
    static final class Client implements AutoCloseable {
        final PoolingHttpClientConnectionManager pool;
        final CloseableHttpClient http;

        Client(boolean tls) {
            pool = ProviderConnectionPool.create(Http1Config.DEFAULT,
                    tls ? new DefaultClientTlsStrategy(clientTls, NoopHostnameVerifier.INSTANCE) : DefaultClientTlsStrategy.createDefault(),
                    100, new ProviderConnectionPool.Retention(Duration.ofSeconds(30), 0, Duration.ZERO, Duration.ofMinutes(10)));
            pool.setDefaultConnectionConfig(ConnectionConfig.custom().setValidateAfterInactivity(TimeValue.ofMilliseconds(100)).build());
            http = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build();
        }

        String post(Upstream up) throws IOException {
            HttpPost post = new HttpPost(up.url());
            post.setEntity(new StringEntity("{\"model\":\"m\"}", ContentType.APPLICATION_JSON));
            return http.execute(post, r -> EntityUtils.toString(r.getEntity()));
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }

    /** Answers "ok N" (N = the request's number on its connection), keep-alive; optionally closes a connection idle for closeIdleMs. */
    static final class Upstream implements AutoCloseable {
        final ServerSocket server;
        final boolean tls;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger idleCloses = new AtomicInteger();

        Upstream(boolean tls, int closeIdleMs) throws IOException {
            this.tls = tls;
            server = tls ? serverTls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress())
                    : new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, closeIdleMs, idleCloses));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        String url() {
            return (tls ? "https" : "http") + "://127.0.0.1:" + port() + "/v1/chat/completions";
        }

        /** Waits (5 s at most) until the server has closed a connection for being idle. */
        void awaitIdleClose() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (idleCloses.get() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(idleCloses.get()).as("the server closed the idle connection").isEqualTo(1);
        }

        private static void serve(Socket s, int closeIdleMs, AtomicInteger idleCloses) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (int n = 1; ; n++) {
                    if (closeIdleMs > 0 && n > 1) s.setSoTimeout(closeIdleMs);
                    String head;
                    try {
                        head = readHead(in);
                    } catch (SocketTimeoutException idle) {
                        s.close(); // keep-alive timeout: close without a word, as servers do
                        idleCloses.incrementAndGet();
                        return;
                    }
                    if (head == null) return;
                    int length = 0;
                    for (String line : head.split("\r\n")) {
                        if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
                    }
                    in.readNBytes(length);
                    String body = "ok " + n;
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException ignored) {
                // client went away
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) return null;
                head.write(b);
                matched = (b == '\r' || b == '\n') && (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
