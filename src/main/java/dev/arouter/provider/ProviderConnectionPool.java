package dev.arouter.provider;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.HeaderElement;
import org.apache.hc.core5.http.HeaderElements;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.message.MessageSupport;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.DefaultDisposalCallback;
import org.apache.hc.core5.pool.LaxConnPool;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;

/**
 * The pool of provider connections, which keeps a warm reserve per provider host.
 *
 * <p>A burst of streams opens a connection per stream; once it is over, keeping all of them would
 * hold thousands of sockets and their buffers, and closing all of them after a short idle time
 * (what a plain idle-time eviction does) means that the first requests after every lull of more
 * than that open new connections: against a real provider a TCP and TLS handshake each, tens of
 * milliseconds before the request is even sent. So {@link #sweep} keeps, per provider host, the
 * {@link Retention#warm} most recently used idle connections for up to {@link Retention#warmIdle},
 * and closes the others once idle longer than {@link Retention#maxIdle} (much like nginx's
 * upstream {@code keepalive N}, which closes the excess at once). Every connection is closed at its
 * time to live, or when the provider's {@code Keep-Alive} header said it would close it
 * ({@link #keepAlive}).
 *
 * <p>Connections are handed out most recently used first, so the reserve is the set in use, and
 * the pool is the lax (non-blocking) kind, sized for thousands of concurrent streams. A reserved
 * connection the provider closed in the meantime is noticed before reuse ({@link StaleCheckedConnections}).
 */
public final class ProviderConnectionPool extends PoolingHttpClientConnectionManager {

    /**
     * How long idle connections are kept: up to {@code warm} per provider host (the most recently
     * used) for {@code warmIdle}, the others for {@code maxIdle}; none beyond {@code timeToLive}
     * from its opening.
     */
    public record Retention(Duration maxIdle, int warm, Duration warmIdle, Duration timeToLive) {
        public Retention {
            if (maxIdle.isNegative() || warmIdle.isNegative() || timeToLive.isNegative() || warm < 0) {
                throw new IllegalArgumentException("negative connection retention: " + this);
            }
        }

        /** How often {@link #sweep} should run: often enough that no idle connection outstays its limit by more than half. */
        public Duration sweepInterval() {
            Duration shortest = warm > 0 && warmIdle.compareTo(maxIdle) < 0 ? warmIdle : maxIdle;
            Duration half = shortest.dividedBy(2);
            return half.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : half;
        }
    }

    private final LaxConnPool<HttpRoute, ManagedHttpClientConnection> connections;
    private final Retention retention;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("upstream-connection-sweeper").factory());

    private ProviderConnectionPool(LaxConnPool<HttpRoute, ManagedHttpClientConnection> connections,
            TlsSocketStrategy tls, Http1Config http1, Retention retention) {
        super(StaleCheckedConnections.operator(tls), connections, StaleCheckedConnections.connectionFactory(http1));
        this.connections = connections;
        this.retention = retention;
    }

    /**
     * A pool of channel-backed connections checked before reuse without waiting, at most
     * {@code maxPerHost} per provider host.
     */
    public static ProviderConnectionPool create(Http1Config http1, TlsSocketStrategy tls, int maxPerHost, Retention retention) {
        LaxConnPool<HttpRoute, ManagedHttpClientConnection> connections = new LaxConnPool<>(
                maxPerHost, TimeValue.NEG_ONE_MILLISECOND, PoolReusePolicy.LIFO, new DefaultDisposalCallback<>(), null);
        return new ProviderConnectionPool(connections, tls, http1, retention);
    }

    /**
     * How long a released connection may be kept: what the provider announced in a
     * {@code Keep-Alive: timeout=N} header, otherwise no limit of its own, so the {@link Retention}
     * decides (HttpClient's default assumes 3 minutes for every provider that announces nothing,
     * which would silently cap a longer {@link Retention#warmIdle}). The HTTP client is given this
     * rule by {@link UpstreamTimeouts#configureHttpClient}.
     */
    public static TimeValue keepAlive(HttpResponse response, HttpContext context) {
        Iterator<HeaderElement> it = MessageSupport.iterate(response, HeaderElements.KEEP_ALIVE);
        while (it.hasNext()) {
            HeaderElement e = it.next();
            if ("timeout".equalsIgnoreCase(e.getName()) && e.getValue() != null) {
                try {
                    return TimeValue.ofSeconds(Long.parseLong(e.getValue().trim()));
                } catch (NumberFormatException ignored) {
                    // not a number: as if not announced
                }
            }
        }
        return TimeValue.NEG_ONE_MILLISECOND;
    }

    public Retention retention() {
        return retention;
    }

    /** Sweeps from now on at the retention's interval, on one daemon thread, until the pool is closed. */
    public void startSweeping() {
        long every = retention.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(() -> sweep(System.currentTimeMillis()), every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close(CloseMode mode) {
        sweeper.shutdownNow();
        super.close(mode);
    }

    /**
     * Closes the idle connections the {@link Retention} no longer keeps, as of {@code now}
     * (milliseconds since the epoch, the pool's clock). Returns how many it closed.
     */
    public int sweep(long now) {
        long maxIdle = retention.maxIdle().toMillis();
        long warmIdle = retention.warmIdle().toMillis();
        long timeToLive = retention.timeToLive().toMillis();
        Map<HttpRoute, int[]> seen = new HashMap<>();
        int[] closed = {0};
        // per host, available connections come most recently released first (LIFO): the first
        // `warm` of them are the reserve
        connections.enumAvailable(entry -> {
            int rank = seen.computeIfAbsent(entry.getRoute(), r -> new int[1])[0]++;
            long idle = now - entry.getUpdated();
            boolean keep = !entry.getExpiryDeadline().isBefore(now)
                    && now - entry.getCreated() <= timeToLive
                    && (idle <= maxIdle || (rank < retention.warm() && idle <= warmIdle));
            if (!keep) {
                entry.discardConnection(CloseMode.GRACEFUL);
                closed[0]++;
            }
        });
        return closed[0];
    }
}
