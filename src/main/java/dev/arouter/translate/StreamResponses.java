package dev.arouter.translate;

import dev.arouter.ingress.ResponseHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Hands a relaying body to platform-http as an event stream, lets the relay end the response
 * itself (its last events and the chunked terminator in one write), and closes it when the
 * exchange ends.
 */
public final class StreamResponses {

    private StreamResponses() {
    }

    public static void start(Exchange exchange, EventStreamRelay relay) {
        exchange.getExchangeExtension().addOnCompletion(new CloseFirst(relay));
        if (exchange.getMessage() instanceof PlatformHttpMessage http && http.getResponse() != null) {
            HttpServletResponse response = http.getResponse();
            relay.endInto(response::getOutputStream); // the last events and the response's end in one write
        }
        ResponseHeaders.reset(exchange, 200, "text/event-stream");
        exchange.getMessage().setHeader("Cache-Control", "no-cache");
        exchange.getMessage().setHeader("X-Accel-Buffering", "no");
        exchange.getMessage().setBody(relay);
    }

    /**
     * Closes the relay when the exchange completes, before camel-http's own completion would
     * drain the upstream body: after a client disconnect this aborts the upstream call.
     */
    static final class CloseFirst extends SynchronizationAdapter implements Ordered {
        private final InputStream relay;

        CloseFirst(InputStream relay) {
            this.relay = relay;
        }

        @Override
        public void onDone(Exchange exchange) {
            try {
                relay.close();
            } catch (java.io.IOException ignored) {
                // relays do not throw on close
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST;
        }
    }
}
