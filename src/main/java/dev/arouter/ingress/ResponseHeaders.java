package dev.arouter.ingress;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Sets the headers of a response to the client. Everything else on the message is removed first:
 * platform-http writes every message header into the response, and at this point the message
 * still carries the client's request headers (its key among them) or the upstream's.
 */
public final class ResponseHeaders {

    public static final String PROVIDER_HEADER = "X-ARouter-Provider";
    public static final String MODEL_HEADER = "X-ARouter-Model";

    private ResponseHeaders() {
    }

    public static void reset(Exchange exchange, int status, String contentType) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, contentType);
        RequestContext ctx = RequestContext.of(exchange);
        if (ctx != null) {
            m.setHeader(BeginRequest.REQUEST_ID_HEADER, ctx.requestId());
            if (ctx.model() != null) {
                m.setHeader(PROVIDER_HEADER, ctx.model().provider().id());
                m.setHeader(MODEL_HEADER, ctx.model().id());
            }
        }
    }

    /**
     * A whole JSON body: sent with Content-Length in one write, instead of the chunked encoding
     * (and extra terminating write) that platform-http uses for bodies of unknown length.
     */
    public static void json(Exchange exchange, int status, byte[] body) {
        reset(exchange, status, "application/json");
        exchange.getMessage().setHeader(Exchange.HTTP_CHUNKED, false);
        exchange.getMessage().setBody(body);
    }
}
