package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.Embeddings;
import dev.arouter.translate.ir.TranslationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** OpenAI embeddings ({@code POST /v1/embeddings}) to and from the internal representation. */
public final class OpenAiEmbeddings {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private OpenAiEmbeddings() {
    }

    public static Embeddings.Request decodeRequest(JsonNode body) {
        JsonNode input = body.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else if (input.isArray()) {
            for (JsonNode i : input) {
                if (!i.isTextual()) {
                    throw new TranslationException("Token-id inputs can only be sent to OpenAI-family embedding models; send text.");
                }
                texts.add(i.asText());
            }
        }
        JsonNode dims = body.get("dimensions");
        return new Embeddings.Request(body.path("model").asText(), texts, dims != null && dims.isInt() ? dims.asInt() : null);
    }

    public static ObjectNode encodeRequest(Embeddings.Request request) {
        ObjectNode out = JSON.createObjectNode();
        out.put("model", request.model());
        ArrayNode input = out.putArray("input");
        request.inputs().forEach(input::add);
        if (request.dimensions() != null) out.put("dimensions", request.dimensions());
        out.put("encoding_format", "float");
        return out;
    }

    public static Embeddings.Response decodeResponse(JsonNode body) {
        List<float[]> vectors = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        body.path("data").forEach(data::add);
        data.sort(java.util.Comparator.comparingInt(d -> d.path("index").asInt()));
        for (JsonNode d : data) {
            JsonNode e = d.path("embedding");
            float[] v = new float[e.size()];
            for (int i = 0; i < v.length; i++) v[i] = (float) e.get(i).asDouble();
            vectors.add(v);
        }
        JsonNode usage = body.path("usage").path("prompt_tokens");
        return new Embeddings.Response(vectors, usage.isNumber() ? usage.asLong() : null);
    }

    /** @param base64 the client's {@code encoding_format: "base64"}: little-endian float32, base64 */
    public static ObjectNode encodeResponse(Embeddings.Response response, String model, long promptTokens, boolean base64) {
        ObjectNode out = JSON.createObjectNode();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < response.vectors().size(); i++) {
            float[] v = response.vectors().get(i);
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) buf.putFloat(f);
                item.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float f : v) values.add(f);
            }
        }
        out.put("model", model);
        ObjectNode usage = out.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens);
        return out;
    }
}
