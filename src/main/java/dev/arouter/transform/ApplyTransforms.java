package dev.arouter.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.catalog.Model;
import dev.arouter.ingress.ReadGeminiRequest;
import dev.arouter.ingress.RequestContext;
import dev.arouter.json.Json;
import java.io.IOException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Applies the provider's transforms ({@code transforms/<provider-id>.yaml}) to the JSON body about to
 * be sent upstream, right before {@code prepareUpstreamCall} in each chat route. With no rule for
 * the provider and upstream model the body is not touched (not even parsed); otherwise it is parsed
 * once (the encoders hand over the JSON tree, so usually not even that), every matching rule applied in
 * file order; {@code prepareUpstreamCall} serialises the result. Gemini pass-through also
 * carries {@code countTokens} and embeddings; only {@code (stream)generateContent} is transformed.
 */
@Component("applyTransforms")
public class ApplyTransforms implements Processor {

    private final TransformLoader transforms;

    public ApplyTransforms(TransformLoader transforms) {
        this.transforms = transforms;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String geminiMethod = exchange.getProperty(ReadGeminiRequest.METHOD, String.class);
        if (geminiMethod != null && !geminiMethod.endsWith("enerateContent")) return; // countTokens, embeddings: not chat
        Model model = RequestContext.of(exchange).model();
        ProviderTransforms t = transforms.forProvider(model.provider().id());
        if (t == null) return;
        List<TransformRule> rules = t.rulesFor(model.upstreamId());
        if (rules.isEmpty()) return;
        Object current = exchange.getIn().getBody();
        JsonNode body = current instanceof JsonNode tree ? tree : Json.MAPPER.readTree(exchange.getIn().getBody(byte[].class));
        if (!(body instanceof ObjectNode o)) return;
        for (TransformRule r : rules) r.apply(o);
        exchange.getIn().setBody(o); // the encoders leave the tree; prepareUpstreamCall serialises it once
    }
}
