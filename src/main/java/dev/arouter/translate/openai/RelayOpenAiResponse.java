package dev.arouter.translate.openai;

import dev.arouter.config.ArouterProperties;
import dev.arouter.ingress.RequestContext;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.provider.UpstreamAnswer;
import dev.arouter.provider.UpstreamErrors;
import dev.arouter.translate.StreamResponses;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * OpenAI-family provider answer to OpenAI client: an error status becomes an OpenAI error (via
 * {@link UpstreamErrors}); a JSON answer gets the public model id and its usage is recorded; an
 * event stream is handed to the client through an {@link OpenAiStreamRelay}.
 */
@Component("relayOpenAiResponse")
public class RelayOpenAiResponse implements Processor {

    private final ArouterProperties properties;

    public RelayOpenAiResponse(ArouterProperties properties) {
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        RequestContext ctx = RequestContext.of(exchange);
        UpstreamAnswer answer = UpstreamAnswer.of(exchange);
        if (answer.failed()) {
            throw UpstreamErrors.map(answer.status(), answer.bytes(1024 * 1024), ctx.model().provider())
                    .retryAfter(answer.retryAfter());
        }
        InputStream events = answer.eventStream();
        if (ctx.stream() && events != null) {
            StreamResponses.start(exchange, new OpenAiStreamRelay(events, ctx, ctx.model().id(), ctx.clientWantsUsage()));
            return;
        }
        byte[] bytes = answer.bytes(properties.getMaxUpstreamBytes());
        OpenAiPayload payload;
        try {
            payload = OpenAiPayload.read(bytes);
        } catch (IOException e) {
            throw new dev.arouter.ingress.GatewayException(502, "upstream_error", "upstream_invalid_response", null,
                    ctx.model().provider().name() + " returned a response that is not JSON: "
                            + UpstreamErrors.describe(bytes));
        }
        ctx.usage().reportOpenAi(payload.usage());
        ctx.finished();
        ResponseHeaders.json(exchange, 200, payload.withModel(ctx.model().id()));
    }

}
