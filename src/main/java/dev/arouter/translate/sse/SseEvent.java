package dev.arouter.translate.sse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ir.Json;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One dispatched Server-Sent Event: the {@code event:} field, or {@code null} when the event
 * carried none (OpenAI and Gemini never send one; Anthropic always does); the {@code data:} lines
 * joined with {@code \n}; the {@code id:} field, or {@code null}.
 *
 * <p>An event a stream encoder makes from JSON ({@code json(...)}: a tree, or a writer of its
 * tokens) keeps it and is serialised only when it is written: {@link SseWriter} puts its UTF-8
 * straight into the client bytes, and {@link #data()} gives the same text on demand. Equality and {@code toString} are
 * those of the record this class used to be: the three fields, with {@code data} as text.
 */
public final class SseEvent {
    private final String event;
    private final String id;
    private final JsonNode json; // non-null for events made by json(..., JsonNode): the data, not yet serialised
    private final Json.Writable body; // non-null for events made by json(..., Writable)
    private final byte[] utf8;   // non-null for events parsed off the wire: the data as received
    private String data;         // for those three: computed on first use

    public SseEvent(String event, String data, String id) {
        this.event = event;
        this.data = data;
        this.id = id;
        this.json = null;
        this.body = null;
        this.utf8 = null;
    }

    public SseEvent(String event, String data) {
        this(event, data, null);
    }

    private SseEvent(String event, JsonNode json, Json.Writable body) {
        this.event = event;
        this.id = null;
        this.json = json;
        this.body = body;
        this.utf8 = null;
    }

    private SseEvent(String event, byte[] utf8, String id) {
        this.event = event;
        this.id = id;
        this.json = null;
        this.body = null;
        this.utf8 = utf8;
    }

    /**
     * An event as parsed off the wire, its data kept as the UTF-8 bytes received (the array is
     * the event's own from now on): a relay that forwards them never decodes them to text.
     */
    public static SseEvent received(String event, byte[] utf8Data, String id) {
        return new SseEvent(event, Objects.requireNonNull(utf8Data), id);
    }

    /**
     * An event whose data is {@code json} written as {@link Json#write} writes it. The tree must not
     * change afterwards: it is serialised when the event is written or its data is asked for.
     */
    public static SseEvent json(String event, JsonNode json) {
        return new SseEvent(event, Objects.requireNonNull(json), null);
    }

    /**
     * An event whose data is the JSON {@code body} writes ({@link Json#write(Json.Writable)}), written
     * when the event is written or its data is asked for, possibly more than once.
     */
    public static SseEvent json(String event, Json.Writable body) {
        return new SseEvent(event, null, Objects.requireNonNull(body));
    }

    public String event() {
        return event;
    }

    public String data() {
        String d = data;
        if (d == null) {
            if (utf8 != null) data = d = new String(utf8, StandardCharsets.UTF_8);
            else if (json != null) data = d = Json.write(json);
            else if (body != null) data = d = Json.write(body);
        }
        return d;
    }

    /**
     * The data as UTF-8: for an event {@link #received} off the wire, the received bytes themselves
     * (not a copy: callers must not change them); otherwise the encoded text.
     */
    public byte[] dataUtf8() {
        return utf8 != null ? utf8 : data().getBytes(StandardCharsets.UTF_8);
    }

    public String id() {
        return id;
    }

    /** The JSON tree of an event made by {@link #json(String, JsonNode)}, else null. */
    JsonNode json() {
        return json;
    }

    /** The JSON writer of an event made by {@link #json(String, Json.Writable)}, else null. */
    Json.Writable body() {
        return body;
    }

    /** Encodes the event in canonical SSE framing ({@code \n} line ends, blank line after). */
    public String encode() {
        return encode("\n");
    }

    /**
     * Encodes the event with the given line ending ({@code "\r\n"} reproduces Gemini's framing).
     * Line breaks inside {@code data} (LF, CRLF or CR) split it into several {@code data:} lines,
     * so a parser reassembles the same value. {@link SseWriter} writes the same, as UTF-8 bytes.
     */
    public String encode(String eol) {
        String data = data();
        StringBuilder sb = new StringBuilder(data.length() + 32);
        if (event != null) sb.append("event: ").append(event).append(eol);
        if (id != null) sb.append("id: ").append(id).append(eol);
        int start = 0;
        int len = data.length();
        while (true) {
            int nl = start;
            while (nl < len && data.charAt(nl) != '\n' && data.charAt(nl) != '\r') nl++;
            sb.append("data: ").append(data, start, nl).append(eol);
            if (nl >= len) break;
            start = (data.charAt(nl) == '\r' && nl + 1 < len && data.charAt(nl + 1) == '\n') ? nl + 2 : nl + 1;
        }
        return sb.append(eol).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent e && Objects.equals(event, e.event) && Objects.equals(data(), e.data())
                && Objects.equals(id, e.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, data(), id);
    }

    @Override
    public String toString() {
        return "SseEvent[event=" + event + ", data=" + data() + ", id=" + id + "]";
    }
}
