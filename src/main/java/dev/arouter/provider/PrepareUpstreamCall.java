package dev.arouter.provider;

import dev.arouter.catalog.Provider;
import dev.arouter.ingress.RequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.arouter.json.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.spi.NormalizedEndpointUri;
import org.springframework.stereotype.Component;

/**
 * Readies the message for the provider call: drops every client header (the client's key is never
 * forwarded), sets the provider's own credentials in its family's header, and computes the
 * endpoint URI for the route's {@code toD}: provider base URL + {@value #PATH} (set by the family
 * route), with the provider's connect and first-byte timeouts.
 *
 * <p>The URI is handed to {@code toD} already normalised, as Camel's {@link NormalizedEndpointUri}:
 * given a string, {@code toD} parses, sorts and rebuilds its query on every call to find the
 * endpoint (about 2 % of the gateway's CPU per request), although a provider's URIs are a handful.
 */
@Component("prepareUpstreamCall")
public class PrepareUpstreamCall implements Processor {

    /** Exchange property: the path below the base URL, e.g. {@code /chat/completions}. */
    public static final String PATH = "arouterUpstreamPath";
    /** Exchange property read by the family route's {@code toD}. */
    public static final String URI = "arouterUpstreamUri";

    /** Endpoint URIs seen, normalised once; bounded, as Gemini paths carry the model id. */
    private final Cache<String, NormalizedEndpointUri> normalized = Caffeine.newBuilder().maximumSize(4096).build();

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        Provider p = ctx.model().provider();
        Message m = exchange.getIn();
        if (m.getBody() instanceof JsonNode tree) m.setBody(Json.bytes(tree)); // the one serialisation of the request
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST); // the enum: a String costs camel-http a type-converter lookup per call
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Accept", ctx.stream() ? "text/event-stream" : "application/json");
        if (p.hasApiKey()) {
            switch (p.family()) {
                case "anthropic" -> {
                    m.setHeader("x-api-key", p.apiKey());
                    m.setHeader("anthropic-version", "2023-06-01");
                }
                case "gemini" -> m.setHeader("x-goog-api-key", p.apiKey());
                default -> m.setHeader("Authorization", "Bearer " + p.apiKey());
            }
        }
        if (p.apiFamily() == ctx.clientFamily()) {
            ctx.forwardHeaders().forEach(m::setHeader); // e.g. anthropic-beta, same family only
        }
        p.headers().forEach(m::setHeader);
        String path = exchange.getProperty(PATH, String.class);
        String uri = p.baseUrl() + path + (path.indexOf('?') < 0 ? "?" : "&")
                + "bridgeEndpoint=true&throwExceptionOnFailure=false&disableStreamCache=true"
                + "&headerFilterStrategy=#" + UpstreamHeaderFilter.BEAN + "&copyHeaders=false"
                + "&connectTimeout=" + p.connectTimeout().toMillis();
        NormalizedEndpointUri endpointUri = normalized.getIfPresent(uri);
        if (endpointUri == null) {
            endpointUri = exchange.getContext().getCamelContextExtension().normalizeUri(uri);
            normalized.put(uri, endpointUri);
        }
        exchange.setProperty(URI, endpointUri);
        // enforced by UpstreamTimeouts, which removes the header before the request leaves
        m.setHeader(UpstreamTimeouts.TIMEOUT_HEADER, p.firstByteTimeout().toMillis());
    }
}
