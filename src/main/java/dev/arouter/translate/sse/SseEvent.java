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
        StringBuilder sb = new StringBuilder(data.length() + 32);
        if (event != null) sb.append("event: ").append(event).append('\n');
        if (id != null) sb.append("id: ").append(id).append('\n');
        int start = 0;
        while (true) {
            int nl = data.indexOf('\n', start);
            sb.append("data: ").append(data, start, nl < 0 ? data.length() : nl).append('\n');
            if (nl < 0) break;
            start = nl + 1;
        }
        return sb.append('\n').toString();
    }
}
