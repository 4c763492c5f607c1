package dev.arouter.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.ingress.RequestContext;
import dev.arouter.translate.openai.OpenAiStreamRelay;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a relay hands events to the servlet, which writes and flushes each {@code read}: events that
 * arrived together leave together, and a read never waits for an event that has not arrived.
 */
class EventStreamRelayTest {

    private static final String HEAD = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1741952318,"
            + "\"model\":\"gpt-5.4-2026\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";

    private static String chunk(String text) {
        return "data: " + HEAD + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static final String LAST = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1741952318,"
            + "\"model\":\"gpt-5.4-2026\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    private static final String USAGE = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1741952318,"
            + "\"model\":\"gpt-5.4-2026\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    /** What the client receives for an upstream event: the public model id spliced in. */
    private static String relayed(String upstreamEvent) {
        return upstreamEvent.replace("\"model\":\"gpt-5.4-2026\"", "\"model\":\"openai/gpt-5.4\"");
    }

    /**
     * An upstream body that has received the given network reads and no more: reading past them
     * fails the test, because on a live connection that read would wait for the provider.
     */
    private static final class ArrivedSoFar extends InputStream {
        private final Deque<byte[]> reads = new ArrayDeque<>();
        private byte[] current = new byte[0];
        private int pos;
        private final boolean ended;

        ArrivedSoFar(boolean ended, String... networkReads) {
            for (String r : networkReads) reads.add(r.getBytes(StandardCharsets.UTF_8));
            this.ended = ended;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == current.length) {
                if (reads.isEmpty()) {
                    if (ended) return -1;
                    throw new AssertionError("the relay waited for an event that has not arrived");
                }
                current = reads.poll();
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static OpenAiStreamRelay relay(InputStream upstream) {
        return new OpenAiStreamRelay(upstream, new RequestContext("req_test", "chat-completions"), "openai/gpt-5.4", true);
    }

    private static String readOnce(InputStream relay, int len) throws java.io.IOException {
        byte[] buf = new byte[len];
        int n = relay.read(buf, 0, len);
        return n < 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void eventsThatArrivedTogetherLeaveInOneWrite() throws Exception {
        String together = chunk("Light") + LAST + USAGE + DONE;
        OpenAiStreamRelay relay = relay(new ArrivedSoFar(false, together));

        String written = readOnce(relay, 2048);

        assertThat(written).isEqualTo(relayed(chunk("Light")) + relayed(LAST) + relayed(USAGE) + DONE);
    }

    @Test
    void anEventIsHandedOnWithoutWaitingForTheNext() throws Exception {
        OpenAiStreamRelay relay = relay(new ArrivedSoFar(false, chunk("Light"), chunk("houses")));

        assertThat(readOnce(relay, 2048)).isEqualTo(relayed(chunk("Light")));
        assertThat(readOnce(relay, 2048)).isEqualTo(relayed(chunk("houses")));
    }

    @Test
    void whatDoesNotFitTheWriteComesNextInOrderAndWhole() throws Exception {
        List<String> events = List.of(chunk("one"), chunk("two"), chunk("three"), LAST, USAGE, DONE);
        OpenAiStreamRelay relay = relay(new ArrivedSoFar(true, String.join("", events)));
        int len = relayed(chunk("one")).length() + 17; // the first event and part of the second

        ByteArrayOutputStream client = new ByteArrayOutputStream();
        int writes = 0;
        for (String w; (w = readOnce(relay, len)) != null; writes++) {
            assertThat(w.length()).isLessThanOrEqualTo(len);
            client.writeBytes(w.getBytes(StandardCharsets.UTF_8));
        }

        String expected = String.join("", events.stream().map(EventStreamRelayTest::relayed).toList());
        assertThat(client.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(writes).isLessThan(events.size()); // coalesced, yet cut at the buffer's size
    }

    @Test
    void theEndOfTheBodyArrivingWithTheLastEventsEndsTheStream() throws Exception {
        OpenAiStreamRelay relay = relay(new ArrivedSoFar(true, chunk("Light"), LAST + USAGE + DONE));

        assertThat(readOnce(relay, 2048)).isEqualTo(relayed(chunk("Light")));
        assertThat(readOnce(relay, 2048)).isEqualTo(relayed(LAST) + relayed(USAGE) + DONE);
        assertThat(readOnce(relay, 2048)).isNull();
        assertThat(((EventStreamRelay) relay).complete()).isTrue();
    }

    @Test
    void anEventLargerThanTheWritesAndTheReusedBufferArrivesWholeBeforeTheNext() throws Exception {
        String big = chunk("x".repeat(40_000)); // outgrows the relay's reused buffer, which it then lets go
        List<String> events = List.of(chunk("Light"), big, chunk("houses"), LAST, USAGE, DONE);
        OpenAiStreamRelay relay = relay(new ArrivedSoFar(true, String.join("", events)));

        ByteArrayOutputStream client = new ByteArrayOutputStream();
        for (String w; (w = readOnce(relay, 2048)) != null; ) client.writeBytes(w.getBytes(StandardCharsets.UTF_8));

        String expected = String.join("", events.stream().map(EventStreamRelayTest::relayed).toList());
        assertThat(client.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /** The servlet's response stream: what was written to it directly, and whether it was closed. */
    private static final class ResponseStream extends ByteArrayOutputStream {
        boolean closed;
        int writes;

        @Override
        public void write(byte[] b, int off, int len) {
            if (closed) throw new AssertionError("written after the response was closed");
            writes++;
            super.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theReadThatCompletesTheStreamWritesItAndEndsTheResponseWithoutWaitingForTheUpstreamEnd() throws Exception {
        // the upstream body has sent [DONE] but not its own end: reading on would fail the test
        OpenAiStreamRelay relay = relay(new ArrivedSoFar(false, chunk("Light"), LAST + USAGE + DONE));
        ResponseStream response = new ResponseStream();
        relay.endInto(() -> response);

        assertThat(readOnce(relay, 2048)).isEqualTo(relayed(chunk("Light"))); // the servlet writes this one
        assertThat(response.size()).isZero();
        assertThat(readOnce(relay, 2048)).isNull(); // the body is over for the servlet ...
        // ... because the relay wrote the rest and closed the response: one write with the terminator
        assertThat(response.toString(StandardCharsets.UTF_8)).isEqualTo(relayed(LAST) + relayed(USAGE) + DONE);
        assertThat(response.writes).isEqualTo(1);
        assertThat(response.closed).isTrue();
        assertThat(readOnce(relay, 2048)).isNull();
        relay.close(); // a complete stream: not a client disconnect
        assertThat(((EventStreamRelay) relay).complete()).isTrue();
    }

    @Test
    void aStreamTheProviderEndsWithoutDoneStillEndsThroughTheServlet() throws Exception {
        // no [DONE]: the stream is complete only at the upstream body's end, where the relay adds it
        OpenAiStreamRelay relay = relay(new ArrivedSoFar(true, chunk("Light") + LAST + USAGE));
        ResponseStream response = new ResponseStream();
        relay.endInto(() -> response);

        assertThat(readOnce(relay, 2048)).isEqualTo(relayed(chunk("Light")) + relayed(LAST) + relayed(USAGE));
        assertThat(readOnce(relay, 2048)).isNull();
        assertThat(response.toString(StandardCharsets.UTF_8)).isEqualTo(DONE);
        assertThat(response.closed).isTrue();
    }
}
