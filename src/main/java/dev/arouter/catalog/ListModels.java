package dev.arouter.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.ingress.GatewayException;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.json.Json;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{provider}/{model}}: the catalog in OpenAI's
 * list shape, each model with its per-token prices (input, output, cached input), context length,
 * max output and capabilities.
 */
@Component("listModels")
public class ListModels {

    private final CatalogLoader catalog;

    public ListModels(CatalogLoader catalog) {
        this.catalog = catalog;
    }

    public void list(Exchange exchange) {
        ObjectNode out = Json.object();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (Model m : catalog.current().models()) data.add(describe(m));
        ResponseHeaders.json(exchange, 200, Json.bytes(out));
    }

    public void one(Exchange exchange) {
        String id = exchange.getIn().getHeader("provider", String.class) + "/"
                + exchange.getIn().getHeader("model", String.class);
        Model m = catalog.current().model(id);
        if (m == null) throw GatewayException.modelNotFound(id);
        ResponseHeaders.json(exchange, 200, Json.bytes(describe(m)));
    }

    static ObjectNode describe(Model m) {
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.put("object", "model");
        o.put("created", m.created());
        o.put("owned_by", m.provider().id());
        o.put("name", m.provider().name() + ": " + m.upstreamId());
        o.put("context_length", m.contextLength());
        if (m.maxOutput() > 0) o.put("max_output_tokens", m.maxOutput());
        ObjectNode pricing = o.putObject("pricing");
        pricing.put("prompt", Pricing.perToken(m.pricing().input()));
        pricing.put("completion", Pricing.perToken(m.pricing().output()));
        pricing.put("input_cache_read", Pricing.perToken(m.pricing().cachedInput()));
        ArrayNode caps = o.putArray("capabilities");
        m.capabilities().stream().sorted().forEach(caps::add);
        return o;
    }
}
