package dev.arouter.ingress;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Sizes the buffer each response is written through ({@code arouter.ingress.response-buffer},
 * default 2 KB instead of Tomcat's 8 KB).
 *
 * <p>Why: the buffers live as long as a client connection is being served, which for a stream is
 * the whole stream. Tomcat gives every response an 8 KB byte buffer and an 8 K char buffer
 * (24 KB; the gateway never writes chars), and platform-http relays a streamed body through a
 * copy buffer of the same size, so an open stream held 32 KB of buffers for events of a few
 * hundred bytes: at 5,000 streams 160 MB of heap, and every young GC during a burst of new
 * streams copied the new ones' copy buffers. A JSON body is still written in one piece (its
 * length is known and larger bodies bypass the buffer), and an event larger than the buffer is
 * written in several pieces of one flush each, which clients reassemble as they do TCP segments.
 */
@Configuration
public class ResponseBuffers {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> sizedResponseBuffers(
            @Value("${arouter.ingress.response-buffer:2KB}") DataSize size) {
        return factory -> {
            factory.setProtocol(ResponseBufferProtocol.class.getName());
            factory.addProtocolHandlerCustomizers(handler -> {
                if (handler instanceof ResponseBufferProtocol p) p.setResponseBufferSize((int) size.toBytes());
            });
        };
    }
}
