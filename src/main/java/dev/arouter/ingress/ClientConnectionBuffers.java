package dev.arouter.ingress;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Keeps the I/O buffers of closed client connections for the next ones. Tomcat gives every client
 * connection a read and a write buffer (8 KB each) and can reuse them from a cache, but it turns
 * that cache off when the JVM's maximum heap is under 2 GiB, which is where a gateway runs
 * (README: {@code -Xmx768m}). Without it every new connection allocates fresh buffers that live as
 * long as the connection, so a burst of new streaming clients fills the young generation with
 * buffers each young GC must copy, lengthening the pause every open stream waits out (measured at
 * 500 new streams per second: see docs/BENCHMARKS.md). The cache holds at most
 * {@code arouter.ingress.connection-buffer-cache} connections' buffers.
 *
 * <p>The two buffers are 4 KB each here ({@code arouter.ingress.connection-read-buffer} and
 * {@code -write-buffer}), not Tomcat's 8 KB: a connection keeps them, and the request-header buffer
 * Tomcat sizes as the header limit plus the read buffer, for as long as it is open, which for a
 * stream is the whole stream, while what passes through them is a request of a few KB (read in
 * pieces when larger) and events of a few hundred bytes (a larger write goes to the socket
 * directly). Together 12 KB less per open connection.
 */
@Configuration
public class ClientConnectionBuffers {

    @Bean
    TomcatConnectorCustomizer sizedAndCachedConnectionBuffers(
            @Value("${arouter.ingress.connection-buffer-cache:1000}") int cached,
            @Value("${arouter.ingress.connection-read-buffer:4KB}") DataSize read,
            @Value("${arouter.ingress.connection-write-buffer:4KB}") DataSize write) {
        return connector -> {
            connector.setProperty("socket.bufferPool", Integer.toString(cached));
            connector.setProperty("socket.appReadBufSize", Long.toString(read.toBytes()));
            connector.setProperty("socket.appWriteBufSize", Long.toString(write.toBytes()));
        };
    }
}
