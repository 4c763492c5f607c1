package dev.arouter.translate.ir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Jackson helpers shared by all codecs: trees, and for events read once per streamed piece, member
 * by member reading ({@link #readObject}) that gives what the tree reading gave. Lenient: unknown
 * fields are simply not read.
 */
public final class Json {
    /** Buffers from a shared bounded pool, not Jackson's per-thread one (a virtual thread per request). */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newBoundedPool(1024)).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    /**
     * UTF-8 output with a surrogate pair as the 4-byte character it stands for, as
     * {@code write(n).getBytes(UTF_8)} gives it (Jackson's UTF-8 generator otherwise writes the two
     * halves as escapes).
     */
    private static final ObjectWriter UTF8_WRITER = MAPPER.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);
    /** Reads one value where a parser stands inside a larger document (other members follow it). */
    private static final ObjectReader VALUE = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
     * JSON written token by token, for output made often enough that building a tree for it costs
     * more than the writing (stream chunks). {@link #write(Writable)} and {@link #writeUtf8(Writable,
     * OutputStream)} give what the equivalent tree gives with {@link #write(JsonNode)} and
     * {@link #writeUtf8(JsonNode, OutputStream)}, as long as the calls are those the tree's
     * serialisation makes.
     */
    @FunctionalInterface
    public interface Writable {
        void writeTo(JsonGenerator g) throws IOException;
    }

    public static String write(Writable w) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            w.writeTo(g);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** As {@link #writeUtf8(JsonNode, OutputStream)}. */
    public static void writeUtf8(Writable w, OutputStream out) {
        try (JsonGenerator g = UTF8_WRITER.createGenerator(out)) {
            w.writeTo(g);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code n} to {@code out} as UTF-8: the bytes of {@code write(n).getBytes(UTF_8)}, except
     * that a lone surrogate in a string is written as an escape where that text, once encoded, has
     * {@code ?}.
     */
    public static void writeUtf8(JsonNode n, OutputStream out) {
        try {
            UTF8_WRITER.writeValue(out, n);
        } catch (IOException e) {
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

    /**
     * For decoders that read an event token by token ({@link #MAPPER}'s parser): the value at the
     * parser's current token as the tree reading would have made it, JSON null as {@link NullNode}.
     */
    public static JsonNode tree(JsonParser p) throws IOException {
        JsonNode n = VALUE.readTree(p);
        return n != null ? n : NullNode.getInstance();
    }

    /** Reads one member's value, where the parser stands after its name; it reads exactly that value. */
    @FunctionalInterface
    public interface MemberReader {
        void member(String name, JsonParser p) throws IOException;
    }

    /**
     * Reads {@code data} member by member into {@code reader}, token by token (no tree): false when it
     * is not one JSON object (malformed, another kind of value, or followed by more tokens), which the
     * tree reading refused too.
     */
    public static boolean readObject(String data, MemberReader reader) {
        return read(data, reader, false);
    }

    /**
     * As {@link #readObject}, but an array stands for its first element, which must be an object
     * (the other elements are stepped over): Gemini's streams without SSE send their chunks so.
     */
    public static boolean readFirstObject(String data, MemberReader reader) {
        return read(data, reader, true);
    }

    private static boolean read(String data, MemberReader reader, boolean firstOfArray) {
        try (JsonParser p = MAPPER.createParser(data)) {
            JsonToken t = p.nextToken();
            boolean array = firstOfArray && t == JsonToken.START_ARRAY;
            if (array) t = p.nextToken();
            if (t != JsonToken.START_OBJECT) return false;
            members(p, reader);
            if (array) {
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (e == null) return false;
                    p.skipChildren();
                }
            }
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The members of the object the parser stands on; any other value is stepped over and has none. */
    public static void members(JsonParser p, MemberReader reader) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            reader.member(name, p);
        }
    }

    /**
     * The elements of the array the parser stands on, each read by a new reader from {@code make}
     * (an element that is not an object gives one that read nothing, as a tree's {@code path} would);
     * any other value is stepped over and has none.
     */
    public static <T extends MemberReader> List<T> objects(JsonParser p, Supplier<T> make) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<T> out = new ArrayList<>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            T t = make.get();
            members(p, t);
            out.add(t);
        }
        return out;
    }

    /** The value at the parser's current token as {@link #text(JsonNode, String...)} gives a member's. */
    public static String text(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getText();
            default -> {
                JsonNode n = tree(p);
                yield n.isValueNode() ? n.asText() : write(n);
            }
        };
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
        if (v != null && v.isArray()) return v;
        return List.of();
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
