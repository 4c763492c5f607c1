package dev.arouter.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.catalog.Model;
import dev.arouter.ingress.ReadGeminiRequest;
import dev.arouter.ingress.RequestContext;
import dev.arouter.provider.PrepareUpstreamCall;
import dev.arouter.translate.gemini.GeminiEmbeddings;
import dev.arouter.translate.ir.Embeddings;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.openai.OpenAiEmbeddings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Embeddings between families: an OpenAI {@code /v1/embeddings} call to a Gemini model becomes one
 * {@code :batchEmbedContents}; a Gemini {@code :embedContent}/{@code :batchEmbedContents} call to
 * an OpenAI-family model becomes one {@code /embeddings} call with every text.
 */
@Component("translateEmbeddingsRequest")
public class TranslateEmbeddingsRequest implements Processor {

    /** Exchange property: the client asked OpenAI for base64 vectors. */
    public static final String BASE64 = "arouterEmbeddingsBase64";
    /** Exchange property: the client called Gemini's batch method. */
    public static final String BATCH = "arouterEmbeddingsBatch";

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        Model model = ctx.model();
        ObjectNode body = exchange.getIn().getBody(ObjectNode.class);
        Embeddings.Request request;
        if (ctx.clientFamily() == Family.GEMINI) {
            boolean batch = "batchEmbedContents".equals(exchange.getProperty(ReadGeminiRequest.METHOD, String.class));
            exchange.setProperty(BATCH, batch);
            request = GeminiEmbeddings.decodeRequest(body, model.upstreamId(), batch);
        } else {
            exchange.setProperty(BASE64, "base64".equals(body.path("encoding_format").asText()));
            request = OpenAiEmbeddings.decodeRequest(body);
        }
        request = new Embeddings.Request(model.upstreamId(), request.inputs(), request.dimensions());
        long chars = request.inputs().stream().mapToLong(String::length).sum();
        ctx.usage().estimatePromptFromBytes(chars);
        ObjectNode upstream;
        String path;
        if (model.provider().apiFamily() == Family.GEMINI) {
            upstream = GeminiEmbeddings.encodeBatchRequest(request);
            path = "/v1beta/models/" + model.upstreamId() + ":batchEmbedContents";
        } else {
            upstream = OpenAiEmbeddings.encodeRequest(request);
            path = "/embeddings";
        }
        exchange.setProperty(PrepareUpstreamCall.PATH, path);
        exchange.getIn().setBody(upstream); // serialised once, by prepareUpstreamCall
    }
}
