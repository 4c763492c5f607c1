package dev.arouter.translate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.Embeddings;
import dev.arouter.translate.ir.TranslationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini embeddings ({@code :embedContent} for one text, {@code :batchEmbedContents} for several)
 * to and from the internal representation. Gemini reports no token usage for embeddings.
 */
public final class GeminiEmbeddings {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private GeminiEmbeddings() {
    }

    /** Decodes a client's {@code embedContent} ({@code batch=false}) or {@code batchEmbedContents} body. */
    public static Embeddings.Request decodeRequest(JsonNode body, String model, boolean batch) {
        List<String> texts = new ArrayList<>();
        Integer dims = null;
        List<JsonNode> requests = new ArrayList<>();
        if (batch) body.path("requests").forEach(requests::add);
        else requests.add(body);
        for (JsonNode r : requests) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : r.path("content").path("parts")) {
                if (!part.has("text")) throw new TranslationException("Only text parts can be embedded by this model.");
                text.append(part.path("text").asText());
            }
            texts.add(text.toString());
            if (r.path("outputDimensionality").isInt()) dims = r.path("outputDimensionality").asInt();
        }
        if (texts.isEmpty()) throw new TranslationException("Nothing to embed: 'content' or 'requests' is empty.");
        return new Embeddings.Request(model, texts, dims);
    }

    /** The batch call the gateway sends to Gemini (one request per text, in order). */
    public static ObjectNode encodeBatchRequest(Embeddings.Request request) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode requests = out.putArray("requests");
        for (String text : request.inputs()) {
            ObjectNode r = requests.addObject();
            r.put("model", "models/" + request.model());
            r.putObject("content").putArray("parts").addObject().put("text", text);
            if (request.dimensions() != null) r.put("outputDimensionality", request.dimensions());
        }
        return out;
    }

    public static Embeddings.Response decodeResponse(JsonNode body) {
        List<float[]> vectors = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (body.has("embeddings")) body.path("embeddings").forEach(items::add);
        else if (body.has("embedding")) items.add(body.get("embedding"));
        for (JsonNode e : items) {
            JsonNode values = e.path("values");
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) v[i] = (float) values.get(i).asDouble();
            vectors.add(v);
        }
        return new Embeddings.Response(vectors, null);
    }

    /** The answer to a client's {@code embedContent} ({@code batch=false}) or {@code batchEmbedContents}. */
    public static ObjectNode encodeResponse(Embeddings.Response response, boolean batch) {
        ObjectNode out = JSON.createObjectNode();
        if (batch) {
            ArrayNode embeddings = out.putArray("embeddings");
            for (float[] v : response.vectors()) values(embeddings.addObject(), v);
        } else {
            values(out.putObject("embedding"), response.vectors().isEmpty() ? new float[0] : response.vectors().get(0));
        }
        return out;
    }

    private static void values(ObjectNode target, float[] v) {
        ArrayNode values = target.putArray("values");
        for (float f : v) values.add(f);
    }
}
