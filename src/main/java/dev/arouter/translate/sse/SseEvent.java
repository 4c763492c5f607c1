package dev.arouter.translate.sse;

/**
 * One dispatched Server-Sent Event.
 *
 * @param event the {@code event:} field, or {@code null} when the event carried none
 *              (OpenAI and Gemini never send one; Anthropic always does)
 * @param data  the {@code data:} lines joined with {@code \n}
 * @param id    the {@code id:} field, or {@code null}
 */
public record SseEvent(String event, String data, String id) {

    public SseEvent(String event, String data) {
        this(event, data, null);
    }

    /** Encodes the event in canonical SSE framing ({@code \n} line ends, blank line after). */
    public String encode() {
        return encode("\n");
    }

    /**
     * Encodes the event with the given line ending ({@code "\r\n"} reproduces Gemini's framing).
     * Line breaks inside {@code data} (LF, CRLF or CR) split it into several {@code data:} lines,
     * so a parser reassembles the same value.
     */
    public String encode(String eol) {
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
}
