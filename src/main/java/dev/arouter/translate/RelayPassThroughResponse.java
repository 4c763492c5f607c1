package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.config.ArouterProperties;
import dev.arouter.ingress.GatewayException;
import dev.arouter.ingress.RequestContext;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.json.Json;
import dev.arouter.provider.UpstreamBody;
import dev.arouter.translate.ir.Family;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Same-family answer (Anthropic or Gemini): relayed as the provider sent it, with the public model
 * id and metered usage; provider errors keep the family's shape, except that a provider refusing
 * the gateway's credentials is a 502, never blamed on the client's key.
 */
@Component("relayPassThroughResponse")
public class RelayPassThroughResponse implements Processor {

    private final ArouterProperties properties;

    public RelayPassThroughResponse(ArouterProperties properties) {
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        RequestContext ctx = RequestContext.of(exchange);
        Family family = ctx.model().provider().apiFamily();
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
        Object body = exchange.getMessage().getBody();
        ctx.firstByte();
        if (status >= 400) {
            byte[] bytes = UpstreamBody.read(body, 1024 * 1024);
            ErrorEncoder.EncodedError e = Codecs.upstreamErrorForClient(family, status,
                    new String(bytes, StandardCharsets.UTF_8), retryAfter, family);
            ctx.end(e.httpStatus(), e.httpStatus() >= 500 ? "upstream_error" : "rejected");
            ctx.finished();
            ResponseHeaders.json(exchange, e.httpStatus(), Json.bytes(e.body()));
            if (retryAfter != null) exchange.getMessage().setHeader("Retry-After", retryAfter);
            return;
        }
        if (ctx.stream() && contentType.startsWith("text/event-stream") && body instanceof InputStream in) {
            StreamResponses.start(exchange, new PassThroughStreamRelay(in, ctx, family));
            return;
        }
        byte[] bytes = UpstreamBody.read(body, properties.getMaxUpstreamBytes());
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            json = null;
        }
        if (!(json instanceof ObjectNode answer)) {
            throw new GatewayException(502, "upstream_error", "upstream_invalid_response", null,
                    ctx.model().provider().name() + " returned a response that is not JSON.");
        }
        if (ctx.embeddings()) {
            ctx.usage().reportEstimatedPrompt(ctx.usage().estimatedPromptTokens()); // Gemini reports no embedding usage
        } else if (family == Family.ANTHROPIC || answer.has("candidates")) {
            ctx.usage().report(Codecs.responseDecoder(family).decode(answer).usage);
            answer.put(family == Family.GEMINI ? "modelVersion" : "model", ctx.model().id());
        }
        ctx.finished();
        ResponseHeaders.json(exchange, 200, Json.bytes(answer));
    }
}
