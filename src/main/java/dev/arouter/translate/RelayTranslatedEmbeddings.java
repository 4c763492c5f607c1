package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.ingress.RequestContext;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.json.Json;
import dev.arouter.provider.UpstreamAnswer;
import dev.arouter.translate.gemini.GeminiEmbeddings;
import dev.arouter.translate.ir.Embeddings;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.openai.OpenAiEmbeddings;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The provider's embeddings in the client's family: vectors in request order, the public model
 * id, and usage (Gemini reports none: the gateway's estimate is recorded and marked so).
 */
@Component("relayTranslatedEmbeddings")
public class RelayTranslatedEmbeddings implements Processor {

    private static final long MAX_EMBEDDINGS_BYTES = 256L * 1024 * 1024;

    @Override
    public void process(Exchange exchange) throws IOException {
        RequestContext ctx = RequestContext.of(exchange);
        Family upstream = ctx.model().provider().apiFamily();
        UpstreamAnswer answer = UpstreamAnswer.of(exchange);
        if (answer.failed()) {
            answer.relayError(exchange, ctx);
            return;
        }
        JsonNode json = answer.json(MAX_EMBEDDINGS_BYTES, ctx);
        Embeddings.Response response = upstream == Family.GEMINI
                ? GeminiEmbeddings.decodeResponse(json) : OpenAiEmbeddings.decodeResponse(json);
        long promptTokens;
        if (response.promptTokens() != null) {
            promptTokens = response.promptTokens();
            ctx.usage().reportOpenAi(json.path("usage"));
        } else {
            promptTokens = ctx.usage().estimatedPromptTokens();
            ctx.usage().reportEstimatedPrompt(promptTokens);
        }
        ctx.finished();
        JsonNode out = ctx.clientFamily() == Family.GEMINI
                ? GeminiEmbeddings.encodeResponse(response, exchange.getProperty(TranslateEmbeddingsRequest.BATCH, false, Boolean.class))
                : OpenAiEmbeddings.encodeResponse(response, ctx.model().id(), promptTokens,
                        exchange.getProperty(TranslateEmbeddingsRequest.BASE64, false, Boolean.class));
        ResponseHeaders.json(exchange, 200, Json.bytes(out));
    }
}
