package dev.arouter.provider;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
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
 * would fail a POST that the HTTP client may not retry.
 */
@Configuration
public class UpstreamConnectionsConfiguration {


    @Bean(name = "upstreamConnections", destroyMethod = "close")
    PoolingHttpClientConnectionManager upstreamConnectionPool(
            @Value("${arouter.upstream.max-connections:20000}") int maxTotal,
            @Value("${arouter.upstream.max-connections-per-host:10000}") int maxPerRoute) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(maxTotal)
                .setMaxConnPerRoute(maxPerRoute)
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.DISABLED).build()) // see UpstreamTimeouts
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
                        .setTimeToLive(TimeValue.ofMinutes(10))
                        .build())
                .build();
    }
}
