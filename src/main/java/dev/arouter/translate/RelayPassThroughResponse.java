package dev.arouter.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.config.ArouterProperties;
import dev.arouter.ingress.RequestContext;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.json.Json;
import dev.arouter.provider.UpstreamAnswer;
import dev.arouter.translate.ir.Family;
import java.io.IOException;
import java.io.InputStream;
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
        UpstreamAnswer upstream = UpstreamAnswer.of(exchange);
        if (upstream.failed()) {
            upstream.relayError(exchange, ctx);
            return;
        }
        InputStream events = upstream.eventStream();
        if (ctx.stream() && events != null) {
            StreamResponses.start(exchange, new PassThroughStreamRelay(events, ctx, family));
            return;
        }
        ObjectNode answer = (ObjectNode) upstream.json(properties.getMaxUpstreamBytes(), ctx);
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
