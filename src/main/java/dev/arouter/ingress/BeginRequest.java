package dev.arouter.ingress;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** First step of every API route: gives the request its id and its {@link RequestContext}. */
@Component("beginRequest")
public class BeginRequest implements Processor {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = new RequestContext(newRequestId(), exchange.getFromRouteId());
        exchange.setProperty(RequestContext.PROPERTY, ctx);
    }

    static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "req_" + Long.toHexString(System.currentTimeMillis()) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }
}
