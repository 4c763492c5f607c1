package dev.arouter.routing;

import dev.arouter.catalog.CatalogLoader;
import dev.arouter.catalog.Model;
import dev.arouter.ingress.GatewayException;
import dev.arouter.ingress.RequestContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Looks the requested model up in the catalog (the source of truth for what is served and at
 * what price) and sets {@value #FAMILY} for the content-based router: the provider's API family
 * picks the family route, the provider itself is carried in the {@link RequestContext}.
 */
@Component("resolveModel")
public class ResolveModel implements Processor {

    public static final String FAMILY = "arouterFamily";

    private final CatalogLoader catalog;

    public ResolveModel(CatalogLoader catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        Model model = catalog.current().model(ctx.modelRequested());
        if (model == null) throw GatewayException.modelNotFound(ctx.modelRequested());
        boolean embeddings = ctx.embeddings();
        if (embeddings != model.can("embeddings")) {
            throw GatewayException.badRequest("model", embeddings
                    ? "The model '" + model.id() + "' is not an embedding model."
                    : "The model '" + model.id() + "' is an embedding model; use POST /v1/embeddings.");
        }
        ctx.model(model);
        exchange.setProperty(FAMILY, model.provider().family());
    }
}
