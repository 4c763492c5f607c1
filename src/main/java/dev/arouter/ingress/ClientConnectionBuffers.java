package dev.arouter.ingress;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the I/O buffers of closed client connections for the next ones. Tomcat gives every client
 * connection a read and a write buffer (8 KB each) and can reuse them from a cache, but it turns
 * that cache off when the JVM's maximum heap is under 2 GiB, which is where a gateway runs
 * (README: {@code -Xmx768m}). Without it every new connection allocates fresh buffers that live as
 * long as the connection, so a burst of new streaming clients fills the young generation with
 * buffers each young GC must copy, lengthening the pause every open stream waits out (measured at
 * 500 new streams per second: see docs/BENCHMARKS.md). The cache holds at most
 * {@code arouter.ingress.connection-buffer-cache} connections' buffers (16 KB each).
 */
@Configuration
public class ClientConnectionBuffers {

    @Bean
    TomcatConnectorCustomizer cacheClientConnectionBuffers(
            @Value("${arouter.ingress.connection-buffer-cache:1000}") int cached) {
        return connector -> connector.setProperty("socket.bufferPool", Integer.toString(cached));
    }
}
