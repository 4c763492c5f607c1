package dev.arouter.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.catalog.Model;
import dev.arouter.ingress.RequestContext;
import dev.arouter.provider.PrepareUpstreamCall;
import dev.arouter.translate.ir.Family;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Client and provider speak the same family (Anthropic or Gemini): the body passes unchanged but
 * for the upstream model id (Gemini carries it in the path instead).
 */
@Component("encodePassThroughRequest")
public class PassThroughRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        Model model = ctx.model();
        ObjectNode body = exchange.getIn().getBody(ObjectNode.class);
        if (model.provider().apiFamily() != Family.GEMINI) body.put("model", model.upstreamId());
        String geminiMethod = exchange.getProperty(dev.arouter.ingress.ReadGeminiRequest.METHOD, String.class);
        boolean otherGeminiMethod = geminiMethod != null && !geminiMethod.endsWith("enerateContent");
        exchange.setProperty(PrepareUpstreamCall.PATH, otherGeminiMethod
                ? "/v1beta/models/" + model.upstreamId() + ":" + geminiMethod // countTokens, embeddings
                : UpstreamPaths.chat(model, ctx.stream()));
        exchange.getIn().setBody(body); // serialised once, by prepareUpstreamCall
    }
}
