package dev.arouter.translate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one OpenAI response object (a chat completion, a stream chunk or an embeddings list)
 * without rebuilding it: one pass over the bytes finds the top-level {@code model} value, captures
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
        new Scan(json, p).object();
        return p;
    }

    /**
     * One pass over the bytes that reads only what the gateway needs and steps over the rest by
     * structure (strings, nesting), without building tokens or text: a stream chunk is read once per
     * event, and a general JSON parser per chunk (about 1 KB of parser state) was nearly half of what
     * the relay allocated per event. Only a {@code usage} object, in the last chunk, is handed to
     * Jackson. Malformed input (truncated, an unterminated string, a member without a name or value)
     * is refused with an {@link IOException}; inside a value it steps over, brackets are counted, not
     * matched, and scalars are not checked, as those bytes are relayed untouched.
     */
    private static final class Scan {
        private final byte[] b;
        private final OpenAiPayload payload; // what the callbacks fill in: they capture nothing
        private int pos;

        Scan(byte[] b, OpenAiPayload payload) {
            this.b = b;
            this.payload = payload;
        }

        void object() throws IOException {
            skipSpace();
            if (peek() != '{') throw new IOException("not a JSON object");
            payload.objectStart = pos;
            members(TOP_LEVEL_MEMBER);
        }

        /** Reads an object from its opening brace past its closing one, calling {@code onMember} per value. */
        private void members(Member onMember) throws IOException {
            pos++; // '{'
            skipSpace();
            if (peek() == '}') {
                pos++;
                return;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') throw new IOException("expected a member name at " + pos);
                int nameStart = pos + 1;
                int nameEnd = stringEnd(pos);
                pos = nameEnd + 1;
                skipSpace();
                if (peek() != ':') throw new IOException("expected ':' at " + pos);
                pos++;
                skipSpace();
                onMember.value(this, nameStart, nameEnd);
                skipSpace();
                byte c = peek();
                pos++;
                if (c == '}') return;
                if (c != ',') throw new IOException("expected ',' or '}' at " + (pos - 1));
            }
        }

        boolean nameIs(int start, int end, String name) {
            if (end - start != name.length()) return false;
            for (int i = 0; i < name.length(); i++) {
                if (b[start + i] != name.charAt(i)) return false;
            }
            return true;
        }

        /** Steps over one value of any kind; returns where it started. */
        int skipValue() throws IOException {
            int start = pos;
            byte c = peek();
            if (c == '"') {
                pos = stringEnd(pos) + 1;
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    c = peek();
                    if (c == '"') {
                        pos = stringEnd(pos);
                    } else if (c == '{' || c == '[') {
                        depth++;
                    } else if (c == '}' || c == ']') {
                        depth--;
                    }
                    pos++;
                } while (depth > 0);
            } else {
                while (pos < b.length && !endsScalar(b[pos])) pos++;
                if (pos == start) throw new IOException("expected a value at " + pos);
            }
            return start;
        }

        /** Reads an array, calling {@code onItem} at each element; returns the number of elements. */
        int array(Item onItem) throws IOException {
            pos++; // '['
            skipSpace();
            if (peek() == ']') {
                pos++;
                return 0;
            }
            int n = 0;
            while (true) {
                skipSpace();
                onItem.value(this);
                n++;
                skipSpace();
                byte c = peek();
                pos++;
                if (c == ']') return n;
                if (c != ',') throw new IOException("expected ',' or ']' at " + (pos - 1));
            }
        }

        boolean isNull() {
            return pos + 4 <= b.length && b[pos] == 'n' && b[pos + 1] == 'u' && b[pos + 2] == 'l' && b[pos + 3] == 'l';
        }

        byte peek() throws IOException {
            if (pos >= b.length) throw new IOException("truncated JSON object");
            return b[pos];
        }

        /** The index of the quote closing the string that opens at {@code open}. */
        private int stringEnd(int open) throws IOException {
            for (int i = open + 1; i < b.length; i++) {
                byte c = b[i];
                if (c == '\\') i++;
                else if (c == '"') return i;
            }
            throw new IOException("unterminated string");
        }

        private void skipSpace() {
            while (pos < b.length && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) pos++;
        }

        private static boolean endsScalar(byte c) {
            return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
        }
    }

    @FunctionalInterface
    private interface Member {
        void value(Scan scan, int nameStart, int nameEnd) throws IOException;
    }

    @FunctionalInterface
    private interface Item {
        void value(Scan scan) throws IOException;
    }

    // Callbacks that find the payload through the scan: built once, not once per chunk
    private static final Member TOP_LEVEL_MEMBER = (scan, start, end) -> scan.payload.member(scan, start, end);
    private static final Item CHOICE = scan -> scan.payload.choice(scan);
    private static final Member CHOICE_MEMBER = (scan, start, end) -> {
        if (scan.nameIs(start, end, "finish_reason")) scan.payload.finished |= scan.peek() == '"';
        scan.skipValue();
    };

    /** A top-level member: notes the model's position, usage, choices and error. */
    private void member(Scan scan, int nameStart, int nameEnd) throws IOException {
        if (scan.nameIs(nameStart, nameEnd, "model")) {
            modelStart = scan.skipValue();
            modelEnd = scan.pos;
        } else if (scan.nameIs(nameStart, nameEnd, "usage")) {
            boolean object = scan.peek() == '{';
            int start = scan.skipValue();
            if (object) usage = Json.MAPPER.readTree(json, start, scan.pos - start);
        } else if (scan.nameIs(nameStart, nameEnd, "choices")) {
            if (scan.peek() == '[') {
                choicesEmpty = scan.array(CHOICE) == 0;
            } else {
                scan.skipValue();
            }
        } else if (scan.nameIs(nameStart, nameEnd, "error")) {
            error = !scan.isNull();
            scan.skipValue();
        } else {
            scan.skipValue();
        }
    }

    /** One element of {@code choices}: notes whether its {@code finish_reason} is set. */
    private void choice(Scan scan) throws IOException {
        if (scan.peek() != '{') {
            scan.skipValue();
            return;
        }
        scan.members(CHOICE_MEMBER);
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

    /**
     * The same JSON with the top-level {@code model} set to {@code model}: added if absent, replaced
     * whatever the provider's value was (a string, or null from some compatible servers).
     */
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
            byte[] out = new byte[splicedLength(quoted, prefix, suffix)];
            spliceInto(quoted, prefix, suffix, out, 0);
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

    /** True when the payload has a top-level {@code model} member (the usual chunk): see {@link #spliceInto}. */
    public boolean hasModel() {
        return modelStart >= 0;
    }

    /** Length of {@link #withQuotedModel(byte[], byte[], byte[])}'s result, for a payload that {@link #hasModel}. */
    public int splicedLength(byte[] quoted, byte[] prefix, byte[] suffix) {
        return prefix.length + json.length - (modelEnd - modelStart) + quoted.length + suffix.length;
    }

    /**
     * Writes {@link #withQuotedModel(byte[], byte[], byte[])}'s bytes into {@code dest} from {@code at}
     * (room for {@link #splicedLength} bytes), for a payload that {@link #hasModel}.
     */
    public void spliceInto(byte[] quoted, byte[] prefix, byte[] suffix, byte[] dest, int at) {
        System.arraycopy(prefix, 0, dest, at, prefix.length);
        at += prefix.length;
        System.arraycopy(json, 0, dest, at, modelStart);
        at += modelStart;
        System.arraycopy(quoted, 0, dest, at, quoted.length);
        at += quoted.length;
        System.arraycopy(json, modelEnd, dest, at, json.length - modelEnd);
        at += json.length - modelEnd;
        System.arraycopy(suffix, 0, dest, at, suffix.length);
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
