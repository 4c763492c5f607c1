package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.catalog.Model;
import dev.arouter.ingress.RequestContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * OpenAI client to OpenAI-family provider: the body passes through with only what the gateway
 * must change: the upstream model id; {@code stream_options.include_usage} forced on for streams
 * (so usage is always learnt; the extra chunk is dropped again if the client did not ask).
 * Per-provider parameter rules (renames, drops, defaults, clamps) are applied afterwards, on chat
 * calls, by {@code transform.ApplyTransforms}.
 */
@Component("encodeOpenAiRequest")
public class OpenAiPassThroughRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        Model model = ctx.model();
        ObjectNode body = exchange.getIn().getBody(ObjectNode.class);
        body.put("model", model.upstreamId());
        if (ctx.stream()) {
            JsonNode so = body.get("stream_options");
            ObjectNode options = so instanceof ObjectNode o ? o : body.putObject("stream_options");
            options.put("include_usage", true);
        }
        exchange.getIn().setBody(body); // serialised once, by prepareUpstreamCall
    }
}
