package dev.arouter.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stream's last events and the end of the response (the chunked encoding's terminator) reach
 * the client in one piece: one write, not a second one after the body's end, and the client learns
 * that the stream is over without a further round trip through the gateway.
 */
class StreamEndTest extends GatewayTestBase {

    /** The pieces a client's reads got, until the response's end. */
    List<String> reads(String body) throws Exception {
        return reads("/v1/chat/completions", body);
    }

    List<String> reads(String path, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            byte[] json = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + clientKey() + "\r\nContent-Length: " + json.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            InputStream in = socket.getInputStream();
            List<String> pieces = new ArrayList<>();
            StringBuilder all = new StringBuilder();
            byte[] buf = new byte[65536];
            while (!all.toString().endsWith("\r\n0\r\n\r\n")) {
                int n = in.read(buf);
                assertThat(n).as("the response ended before its terminator").isPositive();
                String piece = new String(buf, 0, n, StandardCharsets.UTF_8);
                pieces.add(piece);
                all.append(piece);
            }
            return pieces;
        }
    }

    @Test
    void theLastEventsAndTheResponsesEndArriveTogether() throws Exception {
        // 30 ms between events: each arrives on its own, so the ending is not together by chance
        UPSTREAM.answer(r -> new MockUpstream.Sse(Fixtures.sseEvents("openai/chat-stream-text.sse"), 30));
        List<String> pieces = reads("""
                {"model":"openai/gpt-5.4","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        String last = pieces.getLast();
        assertThat(last).contains("data: [DONE]").endsWith("\r\n0\r\n\r\n");
        assertThat(pieces.size()).as("events arrive one by one").isGreaterThan(3);
    }

    @Test
    void soDoTheyThroughTranslation() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(Fixtures.sseEvents("anthropic/messages-stream-text.sse"), 30));
        List<String> pieces = reads("""
                {"model":"anthropic/claude-sonnet-4.6","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(pieces.getLast()).contains("data: [DONE]").endsWith("\r\n0\r\n\r\n");
    }

    @Test
    void anAnthropicStreamEndsAtMessageStopNotAtItsStopReason() throws Exception {
        // message_delta (the stop reason) completes the answer; message_stop still follows it
        UPSTREAM.answer(r -> new MockUpstream.Sse(Fixtures.sseEvents("anthropic/messages-stream-text.sse"), 30));
        List<String> pieces = reads("/v1/messages", """
                {"model":"anthropic/claude-sonnet-4.6","max_tokens":100,"stream":true,
                 "messages":[{"role":"user","content":"hi"}]}""");
        String all = String.join("", pieces);
        assertThat(all).contains("event: message_delta").contains("event: message_stop");
        assertThat(pieces.getLast()).contains("event: message_stop").endsWith("\r\n0\r\n\r\n")
                .doesNotContain("event: message_delta");
    }
}
