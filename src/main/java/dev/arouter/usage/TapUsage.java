package dev.arouter.usage;

import dev.arouter.ingress.RequestContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.NormalizedEndpointUri;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The usage wiretap. Usage is only known when the response has been fully relayed (a stream's
 * usage arrives in its last chunk), so the tap fires on exchange completion, which platform-http
 * signals after the last byte was written or the client went away. It hands one row to the
 * in-memory {@code seda:usage} queue (never blocks: the request path does no database I/O); the
 * usage route batches rows into SQL. Requests that never got past authentication are not recorded.
 */
@Component("tapUsage")
public class TapUsage implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(TapUsage.class);

    private final ProducerTemplate producer;
    private final String queue;
    // normalised at the first row (given the URI string, every send parsed it again); the endpoint
    // itself is looked up per row, so a reloaded usage route's endpoint is the one used
    private volatile NormalizedEndpointUri queueUri;

    public TapUsage(ProducerTemplate producer, @Value("${arouter.usage.queue}") String queue) {
        this.producer = producer;
        this.queue = queue;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getExchangeExtension().addOnCompletion(new RecordOnCompletion());
    }

    private Endpoint queueEndpoint() {
        ExtendedCamelContext camel = producer.getCamelContext().getCamelContextExtension();
        NormalizedEndpointUri uri = queueUri;
        if (uri == null) queueUri = uri = camel.normalizeUri(queue);
        return camel.getEndpoint(uri);
    }

    private final class RecordOnCompletion extends SynchronizationAdapter implements Ordered {
        @Override
        public void onDone(Exchange exchange) {
            RequestContext ctx = RequestContext.of(exchange);
            if (ctx == null || ctx.apiKey() == null) return;
            ctx.finished();
            try {
                producer.sendBody(queueEndpoint(), UsageRecord.row(ctx));
            } catch (RuntimeException e) {
                LOG.error("Usage row for request {} could not be queued: {}", ctx.requestId(), e.toString());
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST; // after the stream relay has closed and settled the outcome
        }
    }
}
