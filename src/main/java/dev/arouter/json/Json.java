package dev.arouter.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Jackson mapper of the gateway's plumbing (ingress, keys, catalog, relays): lenient on
 * unknown fields. Unlike the translation layer's {@link dev.arouter.translate.ir.Json} it reads
 * floats as doubles and does not fail on trailing tokens.
 */
public final class Json {

    /**
     * Parser and generator buffers come from a shared bounded pool: Jackson's default pool is per
     * thread, and with a virtual thread per request that means fresh buffers (~16 KB) for every
     * parse and every write.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newBoundedPool(1024)).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
