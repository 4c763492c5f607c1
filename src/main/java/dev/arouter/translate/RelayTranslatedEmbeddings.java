package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.ingress.GatewayException;
import dev.arouter.ingress.RequestContext;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.json.Json;
import dev.arouter.provider.UpstreamBody;
import dev.arouter.translate.gemini.GeminiEmbeddings;
import dev.arouter.translate.ir.Embeddings;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.openai.OpenAiEmbeddings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The provider's embeddings in the client's family: vectors in request order, the public model
 * id, and usage (Gemini reports none: the gateway's estimate is recorded and marked so).
 */
@Component("relayTranslatedEmbeddings")
public class RelayTranslatedEmbeddings implements Processor {

    @Override
    public void process(Exchange exchange) throws IOException {
        RequestContext ctx = RequestContext.of(exchange);
        Family upstream = ctx.model().provider().apiFamily();
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
        byte[] bytes = UpstreamBody.read(exchange.getMessage().getBody(), 256L * 1024 * 1024);
        ctx.firstByte();
        if (status >= 400) {
            ErrorEncoder.EncodedError e = Codecs.upstreamErrorForClient(upstream, status,
                    new String(bytes, StandardCharsets.UTF_8), retryAfter, ctx.clientFamily());
            ctx.end(e.httpStatus(), e.httpStatus() >= 500 ? "upstream_error" : "rejected");
            ctx.finished();
            ResponseHeaders.json(exchange, e.httpStatus(), Json.bytes(e.body()));
            return;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new GatewayException(502, "upstream_error", "upstream_invalid_response", null,
                    ctx.model().provider().name() + " returned a response that is not JSON.");
        }
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
