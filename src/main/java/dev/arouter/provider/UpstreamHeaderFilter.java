package dev.arouter.provider;

import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Which headers cross a provider call. Outgoing, the message's headers are filtered as camel-http
 * filters them by default (the message holds only what {@link PrepareUpstreamCall} set). Incoming,
 * only the three the gateway reads from a provider's answer ({@link UpstreamAnswer}: Content-Type,
 * Content-Length, Retry-After) are copied onto the message: the client's response headers are the
 * gateway's own, so the provider's rate-limit, tracing, CDN and cookie headers (twenty or so on a
 * real answer) would be copied through the default filter only to be removed again. For the same
 * reason the endpoint has {@code copyHeaders=false}: camel-http would otherwise copy the request's
 * headers, the provider's credentials among them, onto the answer.
 */
@Component("upstreamHeaders")
public class UpstreamHeaderFilter implements HeaderFilterStrategy {

    /** Referenced from the provider endpoint URI as {@code headerFilterStrategy=#upstreamHeaders}. */
    public static final String BEAN = "upstreamHeaders";

    private final HeaderFilterStrategy outgoing = new HttpHeaderFilterStrategy();

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return outgoing.applyFilterToCamelHeaders(name, value, exchange);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return !(name.equalsIgnoreCase(Exchange.CONTENT_TYPE) || name.equalsIgnoreCase("Retry-After")
                || name.equalsIgnoreCase(Exchange.CONTENT_LENGTH));
    }
}
