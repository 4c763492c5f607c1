package dev.arouter.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.catalog.Model;
import dev.arouter.ingress.RequestContext;
import dev.arouter.provider.PrepareUpstreamCall;
import dev.arouter.translate.gemini.GeminiRequestDecoder;
import dev.arouter.translate.ir.ChatRequest;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.MediaSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Client family to a different provider family: decodes the client's body into the internal
 * representation, fetches media the provider can only take inline, and encodes it for the
 * provider (upstream model id, usage always requested, Anthropic's required max_tokens defaulted
 * from the catalog). Sets the upstream path for {@link PrepareUpstreamCall}.
 */
@Component("translateRequest")
public class TranslateRequest implements Processor {

    /** Anthropic needs max_tokens; when the client gave none: the model's maximum, capped (long non-streamed answers time out). */
    private static final int DEFAULT_MAX_TOKENS_CAP = 8192;

    private final MediaFetcher media;

    public TranslateRequest(MediaFetcher media) {
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        Model model = ctx.model();
        ObjectNode body = exchange.getIn().getBody(ObjectNode.class);
        ChatRequest request = ctx.clientFamily() == Family.GEMINI
                ? new GeminiRequestDecoder().decode(body, model.id(), ctx.stream())
                : Codecs.requestDecoder(ctx.clientFamily()).decode(body);
        request.model = model.upstreamId();
        request.stream = ctx.stream();
        request.includeUsage = true;
        int defaultMax = model.maxOutput() > 0 ? (int) Math.min(model.maxOutput(), DEFAULT_MAX_TOKENS_CAP) : DEFAULT_MAX_TOKENS_CAP;
        ChatRequestEncoder encoder = Codecs.requestEncoder(model.provider().apiFamily(), defaultMax);
        for (MediaSource source : encoder.mediaNeedingFetch(request)) {
            request.replaceMedia(source, media.inline(source));
        }
        ObjectNode upstream = encoder.encode(request);
        exchange.setProperty(PrepareUpstreamCall.PATH, UpstreamPaths.chat(model, ctx.stream()));
        exchange.getIn().setBody(upstream); // serialised once, by prepareUpstreamCall
    }
}
