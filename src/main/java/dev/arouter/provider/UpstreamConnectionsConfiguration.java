package dev.arouter.provider;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.IdleConnectionEvictor;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection pool camel-http uses for every provider call. Sized for thousands of concurrent
 * streams, and it re-validates a pooled connection that sat idle before reusing it: providers (and
 * their edge proxies) close idle keep-alive connections at will, and reusing such a connection
 * would fail a POST that the HTTP client may not retry. The check reads the socket without waiting
 * ({@link StaleCheckedConnections}); a connection idle less than
 * {@code arouter.upstream.validate-after-inactivity-ms} is reused unchecked. Connections idle longer than
 * {@code arouter.upstream.max-idle} are closed, so a burst of thousands of streams does not leave
 * thousands of sockets and their buffers behind for the connections' whole time to live.
 *
 * <p>Each connection holds three I/O buffers of {@code arouter.upstream.buffer-size} bytes (socket
 * input, output, and header/chunk lines), for as long as it is open: with one connection per
 * stream in flight, that is paid once per concurrent stream. 4 KB (the client's default is 8 KB)
 * still takes a typical chat answer or a burst of stream events in one socket read.
 */
@Configuration
public class UpstreamConnectionsConfiguration {


    @Bean(name = "upstreamConnections", destroyMethod = "close")
    PoolingHttpClientConnectionManager upstreamConnectionPool(
            @Value("${arouter.upstream.max-connections:20000}") int maxTotal,
            @Value("${arouter.upstream.max-connections-per-host:10000}") int maxPerRoute,
            @Value("${arouter.upstream.buffer-size:4096}") int bufferSize,
            @Value("${arouter.upstream.validate-after-inactivity-ms:500}") long validateMs) {
        return StaleCheckedConnections.poolBuilder(Http1Config.custom().setBufferSize(bufferSize).build())
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(maxTotal)
                .setMaxConnPerRoute(maxPerRoute)
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.DISABLED).build()) // see UpstreamTimeouts
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(validateMs))
                        .setTimeToLive(TimeValue.ofMinutes(10))
                        .build())
                .build();
    }

    @Bean(initMethod = "start", destroyMethod = "shutdown")
    IdleConnectionEvictor upstreamIdleConnectionEvictor(PoolingHttpClientConnectionManager upstreamConnections,
            @Value("${arouter.upstream.max-idle:30s}") Duration maxIdle) {
        TimeValue idle = TimeValue.ofMilliseconds(maxIdle.toMillis());
        // one daemon thread: every max-idle it closes expired connections and those idle longer than max-idle
        return new IdleConnectionEvictor(upstreamConnections, idle, idle);
    }
}
