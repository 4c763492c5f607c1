package dev.arouter.translate;

import dev.arouter.config.ArouterProperties;
import dev.arouter.ingress.RequestContext;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.json.Json;
import dev.arouter.provider.UpstreamAnswer;
import dev.arouter.translate.ir.ChatResponse;
import dev.arouter.translate.ir.Family;
import java.io.IOException;
import java.io.InputStream;
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
        UpstreamAnswer answer = UpstreamAnswer.of(exchange);
        if (answer.failed()) {
            answer.relayError(exchange, ctx);
            return;
        }
        InputStream events = answer.eventStream();
        if (ctx.stream() && events != null) {
            StreamResponses.start(exchange, new TranslatingStreamRelay(events, ctx, upstream));
            return;
        }
        ChatResponse response = Codecs.responseDecoder(upstream).decode(answer.json(properties.getMaxUpstreamBytes(), ctx));
        response.model = ctx.model().id();
        ctx.usage().report(response.usage);
        ctx.finished();
        ResponseHeaders.json(exchange, 200, Json.bytes(Codecs.responseEncoder(ctx.clientFamily()).encode(response)));
    }
}
