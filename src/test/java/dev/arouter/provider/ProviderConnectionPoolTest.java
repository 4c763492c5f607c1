package dev.arouter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import dev.arouter.config.ArouterProperties;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

/**
 * The pool keeps a warm reserve of provider connections per host (the most recently used ones)
 * past the short idle limit, and closes everything else: checked against local servers that
 * record which of their connections the pool closed.
 */
class ProviderConnectionPoolTest {

    static final long MINUTE = 60_000;

    static ProviderConnectionPool pool(int warm) {
        return ProviderConnectionPool.create(Http1Config.DEFAULT, DefaultClientTlsStrategy.createDefault(), 100,
                new ProviderConnectionPool.Retention(Duration.ofSeconds(30), warm, Duration.ofMinutes(5), Duration.ofMinutes(10)));
    }

    @Test
    void afterABurstTheMostRecentlyUsedConnectionsPerHostStayWarmAndTheRestAreClosed() throws Exception {
        try (Server a = new Server(); Server b = new Server(); ProviderConnectionPool pool = pool(2)) {
            List<ConnectionEndpoint> burstA = open(pool, a, 5);
            List<ConnectionEndpoint> burstB = open(pool, b, 3);
            for (ConnectionEndpoint e : burstA) release(pool, e); // a's connections 0..4 idle from now, 4 most recently used
            for (ConnectionEndpoint e : burstB) release(pool, e);
            long released = System.currentTimeMillis();

            assertThat(pool.sweep(released + 1_000)).as("nothing idle for long yet").isZero();
            assertThat(pool.sweep(released + 31_000)).as("beyond max-idle, all but the warm ones").isEqualTo(3 + 1);
            assertThat(a.closedConnections(3)).as("a's least recently used").containsExactly(0, 1, 2);
            assertThat(b.closedConnections(1)).containsExactly(0);
            assertThat(pool.getTotalStats().getAvailable()).isEqualTo(4);

            assertThat(pool.sweep(released + 4 * MINUTE)).as("the warm reserve, before warm-max-idle").isZero();
            assertThat(pool.sweep(released + 5 * MINUTE + 1_000)).as("the warm reserve, after warm-max-idle").isEqualTo(4);
            assertThat(a.closedConnections(5)).containsExactly(0, 1, 2, 3, 4);
            assertThat(b.closedConnections(3)).containsExactly(0, 1, 2);
            assertThat(pool.getTotalStats().getAvailable()).isZero();
        }
    }

    @Test
    void aWarmConnectionIsReusedAfterALull() throws Exception {
        try (Server a = new Server(); ProviderConnectionPool pool = pool(1)) {
            List<ConnectionEndpoint> burst = open(pool, a, 3);
            for (ConnectionEndpoint e : burst) release(pool, e);
            pool.sweep(System.currentTimeMillis() + 2 * MINUTE);
            assertThat(a.closedConnections(2)).containsExactly(0, 1);

            ConnectionEndpoint again = pool.lease("again", route(a), Timeout.ofSeconds(5), null).get(Timeout.ofSeconds(5));
            assertThat(again.isConnected()).as("the lease got the warm connection, no new one").isTrue();
            assertThat(a.accepted()).isEqualTo(3);
            release(pool, again);
        }
    }

    @Test
    void noConnectionOutlivesItsTimeToLiveOrTheProvidersKeepAlive() throws Exception {
        try (Server a = new Server(); ProviderConnectionPool pool = ProviderConnectionPool.create(Http1Config.DEFAULT,
                DefaultClientTlsStrategy.createDefault(), 100,
                new ProviderConnectionPool.Retention(Duration.ofSeconds(30), 10, Duration.ofHours(1), Duration.ofMinutes(10)))) {
            List<ConnectionEndpoint> two = open(pool, a, 2);
            release(pool, two.get(0));
            pool.release(two.get(1), null, TimeValue.ofSeconds(5)); // "Keep-Alive: timeout=5"
            long released = System.currentTimeMillis();
            assertThat(pool.sweep(released + 6_000)).as("the one the provider closes after 5 s").isEqualTo(1);
            assertThat(a.closedConnections(1)).containsExactly(1);
            assertThat(pool.sweep(released + 9 * MINUTE)).isZero();
            assertThat(pool.sweep(released + 10 * MINUTE + 1_000)).as("time to live").isEqualTo(1);
        }
    }

    @Test
    void aConnectionIsKeptAsLongAsTheProviderAnnouncedOrElseAsTheRetentionSays() {
        var announced = new BasicHttpResponse(200);
        announced.addHeader("Keep-Alive", "timeout=5, max=1000");
        assertThat(ProviderConnectionPool.keepAlive(announced, null)).isEqualTo(TimeValue.ofSeconds(5));
        // not HttpClient's default of 3 minutes, which would cap a longer warm-max-idle
        assertThat(ProviderConnectionPool.keepAlive(new BasicHttpResponse(200), null)).isEqualTo(TimeValue.NEG_ONE_MILLISECOND);
        var garbled = new BasicHttpResponse(200);
        garbled.addHeader("Keep-Alive", "timeout=soon");
        assertThat(ProviderConnectionPool.keepAlive(garbled, null)).isEqualTo(TimeValue.NEG_ONE_MILLISECOND);
    }

    @Test
    void theGatewaysClientLeavesAConnectionWhoseProviderAnnouncedNoKeepAliveToTheRetention() throws Exception {
        UpstreamDeadlines deadlines = new UpstreamDeadlines(Duration.ofMillis(100));
        try (StaleCheckedConnectionsTest.Upstream up = new StaleCheckedConnectionsTest.Upstream(false, 0);
             ProviderConnectionPool pool = ProviderConnectionPool.create(Http1Config.DEFAULT, DefaultClientTlsStrategy.createDefault(),
                     100, new ProviderConnectionPool.Retention(Duration.ofSeconds(30), 10, Duration.ofHours(1), Duration.ofHours(2)))) {
            HttpClientBuilder builder = HttpClients.custom().setConnectionManager(pool).setConnectionManagerShared(true);
            new UpstreamTimeouts(deadlines, new ArouterProperties()).configureHttpClient(builder); // as camel-http does
            try (CloseableHttpClient http = builder.build()) {
                HttpPost post = new HttpPost("http://127.0.0.1:" + up.port() + "/v1/chat/completions");
                post.setEntity(new StringEntity("{}", ContentType.APPLICATION_JSON));
                String answer = http.execute(post, r -> EntityUtils.toString(r.getEntity()));
                assertThat(answer).isEqualTo("ok 1");
            }
            assertThat(pool.getTotalStats().getAvailable()).isEqualTo(1);
            // HttpClient's own rule would have expired it 3 minutes after its release
            assertThat(pool.sweep(System.currentTimeMillis() + 50 * MINUTE)).as("kept: warm, idle < warm-max-idle").isZero();
            assertThat(pool.sweep(System.currentTimeMillis() + 61 * MINUTE)).isEqualTo(1);
        } finally {
            deadlines.destroy();
        }
    }

    @Test
    void theSweepIntervalFollowsTheShorterLimit() {
        var r = new ProviderConnectionPool.Retention(Duration.ofSeconds(30), 10, Duration.ofMinutes(5), Duration.ofMinutes(10));
        assertThat(r.sweepInterval()).isEqualTo(Duration.ofSeconds(15));
        var noReserve = new ProviderConnectionPool.Retention(Duration.ofSeconds(30), 0, Duration.ZERO, Duration.ofMinutes(10));
        assertThat(noReserve.sweepInterval()).isEqualTo(Duration.ofSeconds(15));
        var tiny = new ProviderConnectionPool.Retention(Duration.ofMillis(10), 0, Duration.ZERO, Duration.ofMinutes(10));
        assertThat(tiny.sweepInterval()).isEqualTo(Duration.ofMillis(100));
    }

    static HttpRoute route(Server s) {
        return new HttpRoute(new HttpHost("http", "127.0.0.1", s.port()));
    }

    /** Opens n connections to the server at once, in order (the server numbers them as it accepts them). */
    static List<ConnectionEndpoint> open(ProviderConnectionPool pool, Server s, int n) throws Exception {
        List<ConnectionEndpoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ConnectionEndpoint e = pool.lease("t" + i, route(s), Timeout.ofSeconds(5), null).get(Timeout.ofSeconds(5));
            assertThat(e.isConnected()).isFalse();
            pool.connect(e, TimeValue.ofSeconds(5), new BasicHttpContext());
            s.awaitAccepted(i + 1);
            out.add(e);
        }
        return out;
    }

    static void release(ProviderConnectionPool pool, ConnectionEndpoint e) throws InterruptedException {
        pool.release(e, null, TimeValue.NEG_ONE_MILLISECOND); // kept alive with no limit of its own
        Thread.sleep(2); // release times differ, as they do in use
    }

    /** Accepts connections, numbers them in order, and records which the client closed. */
    static final class Server implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        final List<Integer> closed = new CopyOnWriteArrayList<>();

        Server() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        int n = sockets.size();
                        sockets.add(s);
                        Thread.ofVirtual().start(() -> {
                            try {
                                while (s.getInputStream().read() >= 0) {
                                    // a connection that is only opened sends nothing
                                }
                            } catch (IOException ignored) {
                                // reset counts as closed
                            }
                            closed.add(n);
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return sockets.size();
        }

        void awaitAccepted(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sockets.size() < n && System.nanoTime() < deadline) Thread.sleep(1);
            assertThat(sockets.size()).isEqualTo(n);
        }

        /**
         * The numbers of the connections the client closed, in ascending order: closes arrive
         * asynchronously, so this waits (5 s at most) for {@code expected} of them, then a little
         * longer for any close that should not have happened.
         */
        List<Integer> closedConnections(int expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (closed.size() < expected && System.nanoTime() < deadline) Thread.sleep(5);
            Thread.sleep(200);
            return closed.stream().sorted().toList();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) s.close();
        }
    }
}
