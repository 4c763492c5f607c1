package dev.arouter.translate.ir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Jackson tree helpers shared by all codecs. Lenient: unknown fields are simply not read. */
public final class Json {
    /** Buffers from a shared bounded pool, not Jackson's per-thread one (a virtual thread per request). */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newBoundedPool(1024)).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private Json() {}

    public static ObjectNode object() { return F.objectNode(); }

    public static ArrayNode array() { return F.arrayNode(); }

    public static JsonNode parse(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            throw new TranslationException("Malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses or returns null when the text is not JSON. */
    public static JsonNode tryParse(String s) {
        if (s == null) return null;
        try {
            return MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tool-call arguments (JSON text) as the object Anthropic/Gemini require: "" becomes {},
     * anything that is not a JSON object is kept as {@code {"_raw": "<text>"}} instead of being
     * dropped (README §4.4).
     */
    public static ObjectNode argumentsObject(String args) {
        if (args == null || args.isBlank()) return object();
        JsonNode n = tryParse(args);
        if (n instanceof ObjectNode o) return o;
        ObjectNode raw = object();
        raw.put("_raw", args);
        return raw;
    }

    /** First present, non-null field among {@code names} (for camelCase/snake_case aliases). */
    public static JsonNode field(JsonNode node, String... names) {
        if (node == null) return null;
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull()) return v;
        }
        return null;
    }

    public static String text(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        return v == null ? null : v.isValueNode() ? v.asText() : write(v);
    }

    public static Double dbl(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    public static Integer integer(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        return v != null && v.isNumber() ? v.intValue() : null;
    }

    public static long lng(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        return v != null && v.isNumber() ? v.longValue() : 0L;
    }

    public static Boolean bool(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }

    /** Iterates an array field, or yields nothing when it is absent / not an array. */
    public static Iterable<JsonNode> each(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        return v != null && v.isArray() ? v : array();
    }

    /** Puts {@code value} unless it is null. */
    public static void putIfNotNull(ObjectNode o, String key, Object value) {
        switch (value) {
            case null -> { }
            case String s -> o.put(key, s);
            case Integer i -> o.put(key, i);
            case Long l -> o.put(key, l);
            case Double d -> o.put(key, d);
            case Boolean b -> o.put(key, b);
            case JsonNode n -> o.set(key, n);
            default -> throw new IllegalArgumentException(value.getClass().toString());
        }
    }
}
