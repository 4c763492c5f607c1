package dev.arouter.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.ingress.GatewayException;
import dev.arouter.ingress.RequestContext;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.json.Json;
import dev.arouter.translate.Codecs;
import dev.arouter.translate.ErrorEncoder;
import dev.arouter.translate.ir.Family;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * What the provider answered, as the http call left it on the message: status, content type,
 * Retry-After and the (still unread) body. The relays of every family start from here.
 */
public record UpstreamAnswer(int status, String contentType, String retryAfter, long contentLength, Object body) {

    private static final long ERROR_BODY_LIMIT = 1024 * 1024;

    /** Reads the answer off the message and marks the first upstream byte. */
    public static UpstreamAnswer of(Exchange exchange) {
        RequestContext.of(exchange).firstByte();
        var m = exchange.getMessage();
        return new UpstreamAnswer(m.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class),
                m.getHeader(Exchange.CONTENT_TYPE, "", String.class), m.getHeader("Retry-After", String.class),
                contentLength(m.getHeader("Content-Length")), m.getBody());
    }

    public boolean failed() {
        return status >= 400;
    }

    /** The body as a live event stream, or null when the answer is not one. */
    public InputStream eventStream() {
        return contentType.startsWith("text/event-stream") && body instanceof InputStream in ? in : null;
    }

    public byte[] bytes(long limit) throws IOException {
        return UpstreamBody.read(body, limit, contentLength);
    }

    private static long contentLength(Object header) {
        if (header == null) return -1;
        try {
            return Long.parseLong(header.toString().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body as a JSON object; anything else is a 502 naming the provider. */
    public JsonNode json(long limit, RequestContext ctx) throws IOException {
        byte[] bytes = bytes(limit);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new GatewayException(502, "upstream_error", "upstream_invalid_response", null,
                    ctx.model().provider().name() + " returned a response that is not JSON.");
        }
        return json;
    }

    /**
     * Answers the client with the provider's error re-expressed in the client's family (status and
     * shape; the provider refusing the gateway's credentials becomes 502), Retry-After kept.
     */
    public void relayError(Exchange exchange, RequestContext ctx) throws IOException {
        Family upstream = ctx.model().provider().apiFamily();
        ErrorEncoder.EncodedError e = Codecs.upstreamErrorForClient(upstream, status,
                new String(bytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8), retryAfter, ctx.clientFamily());
        ctx.end(e.httpStatus(), e.httpStatus() >= 500 ? "upstream_error" : "rejected");
        ctx.finished();
        ResponseHeaders.json(exchange, e.httpStatus(), Json.bytes(e.body()));
        if (retryAfter != null) exchange.getMessage().setHeader("Retry-After", retryAfter);
    }
}
