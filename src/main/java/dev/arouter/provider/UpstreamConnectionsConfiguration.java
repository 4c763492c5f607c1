package dev.arouter.provider;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection pool camel-http uses for every provider call ({@link ProviderConnectionPool}).
 * Sized for thousands of concurrent streams, and it re-validates a pooled connection that sat idle
 * before reusing it: providers (and their edge proxies) close idle keep-alive connections at will,
 * and reusing such a connection would fail a POST that the HTTP client may not retry. The check
 * reads the socket without waiting ({@link StaleCheckedConnections}); a connection idle less than
 * {@code arouter.upstream.validate-after-inactivity-ms} is reused unchecked.
 *
 * <p>Idle connections: per provider host the {@code arouter.upstream.warm-connections} most
 * recently used are kept for {@code arouter.upstream.warm-max-idle}, so the first requests after a
 * lull do not each pay a new TCP and TLS handshake; the rest are closed after
 * {@code arouter.upstream.max-idle}, so a burst of thousands of streams does not leave thousands of
 * sockets and their buffers behind. TCP keep-alive probes ({@code arouter.upstream.tcp-keepalive}
 * of silence, then every third of it) keep the reserve's entries in NAT and firewall tables alive
 * (some drop an idle flow after 4 minutes without telling either end) and find peers that vanished.
 *
 * <p>Each connection holds three I/O buffers of {@code arouter.upstream.buffer-size} bytes (socket
 * input, output, and header/chunk lines), for as long as it is open: with one connection per
 * stream in flight, that is paid once per concurrent stream. 4 KB (the client's default is 8 KB)
 * still takes a typical chat answer or a burst of stream events in one socket read.
 */
@Configuration
public class UpstreamConnectionsConfiguration {

    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    @Bean(name = "upstreamConnections", destroyMethod = "close")
    ProviderConnectionPool upstreamConnectionPool(
            @Value("${arouter.upstream.max-connections-per-host:10000}") int maxPerHost,
            @Value("${arouter.upstream.buffer-size:4096}") int bufferSize,
            @Value("${arouter.upstream.validate-after-inactivity-ms:500}") long validateMs,
            @Value("${arouter.upstream.max-idle:30s}") Duration maxIdle,
            @Value("${arouter.upstream.warm-connections:1000}") int warm,
            @Value("${arouter.upstream.warm-max-idle:5m}") Duration warmIdle,
            @Value("${arouter.upstream.tcp-keepalive:60s}") Duration keepAlive) {
        ProviderConnectionPool pool = ProviderConnectionPool.create(Http1Config.custom().setBufferSize(bufferSize).build(),
                DefaultClientTlsStrategy.createDefault(), maxPerHost,
                new ProviderConnectionPool.Retention(maxIdle, warm, warmIdle, TIME_TO_LIVE));
        int probeAfter = (int) Math.max(1, keepAlive.toSeconds());
        pool.setDefaultSocketConfig(SocketConfig.custom()
                .setSoTimeout(Timeout.DISABLED) // see UpstreamTimeouts
                .setSoKeepAlive(true)
                .setTcpKeepIdle(probeAfter)
                .setTcpKeepInterval(Math.max(1, probeAfter / 3))
                .setTcpKeepCount(3)
                .build());
        pool.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setValidateAfterInactivity(TimeValue.ofMilliseconds(validateMs))
                .setTimeToLive(TimeValue.ofMilliseconds(TIME_TO_LIVE.toMillis()))
                .build());
        pool.startSweeping();
        return pool;
    }
}
