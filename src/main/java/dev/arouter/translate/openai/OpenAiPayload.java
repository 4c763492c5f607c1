package dev.arouter.translate.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one OpenAI response object (a chat completion, a stream chunk or an embeddings list)
 * without rebuilding it: one token pass finds the top-level {@code model} value, captures
 * {@code usage}, and notes whether {@code choices} is empty, whether a choice has finished, and
 * whether it is an {@code error};
 * {@link #withModel} then splices the public model id in place. Every other byte, float digits
 * included, reaches the client exactly as the provider sent it.
 */
public final class OpenAiPayload {

    private static final byte[] NONE = new byte[0];

    private final byte[] json;
    private int modelStart = -1;
    private int modelEnd = -1;
    private int objectStart = -1;
    private JsonNode usage;
    private boolean choicesEmpty = true;
    private boolean error;
    private boolean finished;

    private OpenAiPayload(byte[] json) {
        this.json = json;
    }

    /** Parses {@code json}; throws {@link IOException} if it is not a JSON object. */
    public static OpenAiPayload read(byte[] json) throws IOException {
        OpenAiPayload p = new OpenAiPayload(json);
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            p.objectStart = (int) parser.currentTokenLocation().getByteOffset();
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "model" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            p.modelStart = (int) parser.currentTokenLocation().getByteOffset();
                            parser.getText();
                            p.modelEnd = (int) parser.currentLocation().getByteOffset();
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "usage" -> {
                        if (value == JsonToken.START_OBJECT) p.usage = parser.readValueAsTree();
                    }
                    case "choices" -> {
                        if (value == JsonToken.START_ARRAY) {
                            JsonToken item;
                            while ((item = parser.nextToken()) != JsonToken.END_ARRAY && item != null) {
                                p.choicesEmpty = false;
                                if (item == JsonToken.START_OBJECT) {
                                    p.finished |= choiceHasFinishReason(parser);
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "error" -> {
                        p.error = value != JsonToken.VALUE_NULL;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) throw new IOException("truncated JSON object");
        }
        return p;
    }

    /** Reads one choice object to its end; true when its {@code finish_reason} is set. */
    private static boolean choiceHasFinishReason(JsonParser parser) throws IOException {
        boolean finished = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            if ("finish_reason".equals(name)) finished = v == JsonToken.VALUE_STRING;
            else parser.skipChildren();
        }
        return finished;
    }

    /** The upstream's usage object, or null. */
    public JsonNode usage() {
        return usage;
    }

    /** True when {@code choices} is absent, null or empty (OpenAI's final usage-only chunk). */
    public boolean choicesEmpty() {
        return choicesEmpty;
    }

    /** True when a choice carries a {@code finish_reason} (the answer is complete). */
    public boolean finished() {
        return finished;
    }

    /** True when the object carries an {@code error} member (an in-stream error event). */
    public boolean isError() {
        return error;
    }

    /** The same JSON with the top-level {@code model} set to {@code model} (added if absent). */
    public byte[] withModel(String model) {
        return withQuotedModel(quote(model));
    }

    /** As {@link #withModel}, with the model already as a JSON string literal ({@link #quote}). */
    public byte[] withQuotedModel(byte[] quoted) {
        return withQuotedModel(quoted, NONE, NONE);
    }

    /**
     * As {@link #withQuotedModel(byte[])}, between {@code prefix} and {@code suffix} (an SSE
     * {@code data: } line and its blank line), built in one copy.
     */
    public byte[] withQuotedModel(byte[] quoted, byte[] prefix, byte[] suffix) {
        if (modelStart >= 0) {
            byte[] out = new byte[prefix.length + json.length - (modelEnd - modelStart) + quoted.length + suffix.length];
            int at = prefix.length;
            System.arraycopy(prefix, 0, out, 0, at);
            System.arraycopy(json, 0, out, at, modelStart);
            System.arraycopy(quoted, 0, out, at + modelStart, quoted.length);
            System.arraycopy(json, modelEnd, out, at + modelStart + quoted.length, json.length - modelEnd);
            System.arraycopy(suffix, 0, out, out.length - suffix.length, suffix.length);
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(prefix.length + json.length + quoted.length + 12 + suffix.length);
        out.writeBytes(prefix);
        out.write(json, 0, objectStart + 1);
        out.writeBytes("\"model\":".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(quoted);
        boolean emptyObject = true;
        for (int i = objectStart + 1; i < json.length; i++) {
            byte b = json[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
            emptyObject = b == '}';
            break;
        }
        if (!emptyObject) out.write(',');
        out.write(json, objectStart + 1, json.length - objectStart - 1);
        out.writeBytes(suffix);
        return out.toByteArray();
    }

    /** {@code s} as a JSON string literal, UTF-8. */
    public static byte[] quote(String s) {
        try {
            return Json.MAPPER.writeValueAsBytes(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
