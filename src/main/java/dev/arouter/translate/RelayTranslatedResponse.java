package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.config.ArouterProperties;
import dev.arouter.ingress.GatewayException;
import dev.arouter.ingress.RequestContext;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.json.Json;
import dev.arouter.provider.UpstreamBody;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.Family;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * A provider's answer re-expressed in the client's family: errors through the error codecs
 * (status and shape of the client's family; provider credential failures become 502), JSON
 * through the response codecs with the public model id and usage metered, streams through a
 * {@link TranslatingStreamRelay}.
 */
@Component("relayTranslatedResponse")
public class RelayTranslatedResponse implements Processor {

    private final ArouterProperties properties;

    public RelayTranslatedResponse(ArouterProperties properties) {
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        RequestContext ctx = RequestContext.of(exchange);
        Family upstream = ctx.model().provider().apiFamily();
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
        Object body = exchange.getMessage().getBody();
        ctx.firstByte();
        if (status >= 400) {
            byte[] bytes = UpstreamBody.read(body, 1024 * 1024);
            ErrorEncoder.EncodedError e = Codecs.upstreamErrorForClient(upstream, status,
                    new String(bytes, StandardCharsets.UTF_8), retryAfter, ctx.clientFamily());
            ctx.end(e.httpStatus(), e.httpStatus() >= 500 ? "upstream_error" : "rejected");
            ctx.finished();
            ResponseHeaders.json(exchange, e.httpStatus(), Json.bytes(e.body()));
            if (retryAfter != null) exchange.getMessage().setHeader("Retry-After", retryAfter);
            return;
        }
        if (ctx.stream() && contentType.startsWith("text/event-stream") && body instanceof InputStream in) {
            StreamResponses.start(exchange, new TranslatingStreamRelay(in, ctx, upstream));
            return;
        }
        byte[] bytes = UpstreamBody.read(body, properties.getMaxUpstreamBytes());
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
        ChatResponse response = Codecs.responseDecoder(upstream).decode(json);
        response.model = ctx.model().id();
        ctx.usage().report(response.usage);
        ctx.finished();
        ResponseHeaders.json(exchange, 200, Json.bytes(Codecs.responseEncoder(ctx.clientFamily()).encode(response)));
    }
}
