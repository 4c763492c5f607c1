package dev.arouter.translate.sse;

import dev.arouter.translate.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    private static List<SseEvent> parseWhole(String s) {
        return Fixtures.parse(s.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
    }

    /** Parses with every possible single split point and asserts the result never changes. */
    private static List<SseEvent> parseAllSplits(byte[] bytes) {
        List<SseEvent> whole = Fixtures.parse(bytes, Integer.MAX_VALUE);
        for (int cut = 0; cut <= bytes.length; cut++) {
            List<SseEvent> out = new ArrayList<>();
            SseParser p = new SseParser();
            p.feed(bytes, 0, cut, out::add);
            p.feed(bytes, cut, bytes.length - cut, out::add);
            p.finish(out::add);
            assertThat(out).as("split at byte %d", cut).isEqualTo(whole);
        }
        for (int size = 1; size <= 7; size++) {
            assertThat(Fixtures.parse(bytes, size)).as("chunks of %d", size).isEqualTo(whole);
        }
        return whole;
    }

    @Test
    void lfCrlfAndCrLineEndingsAreEquivalent() {
        List<SseEvent> lf = parseWhole("event: a\ndata: 1\n\ndata: 2\n\n");
        List<SseEvent> crlf = parseWhole("event: a\r\ndata: 1\r\n\r\ndata: 2\r\n\r\n");
        List<SseEvent> cr = parseWhole("event: a\rdata: 1\r\rdata: 2\r\r");
        assertThat(lf).containsExactly(new SseEvent("a", "1"), new SseEvent(null, "2"));
        assertThat(crlf).isEqualTo(lf);
        assertThat(cr).isEqualTo(lf);
    }

    @Test
    void commentsAreSkippedAndMultipleDataLinesJoinWithLf() {
        List<SseEvent> ev = parseAllSplits(": keep-alive\r\ndata: a\r\n: mid comment\ndata:b\ndata\n\n:\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ev).containsExactly(new SseEvent(null, "a\nb\n"));
    }

    @Test
    void parsedEventsKeepTheReceivedBytesAndDecodeTheSameText() {
        byte[] wire = "data: {\"t\":\"h\u00e9llo \u2603\"}\n\n".getBytes(StandardCharsets.UTF_8);
        SseEvent e = parseAllSplits(wire).get(0);
        assertThat(new String(e.dataUtf8(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":\"h\u00e9llo \u2603\"}");
        assertThat(e.dataUtf8()).isSameAs(e.dataUtf8()); // not re-encoded per call
        assertThat(e).isEqualTo(new SseEvent(null, "{\"t\":\"h\u00e9llo \u2603\"}"));
        byte[] broken = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, '\n', '\n'}; // a truncated UTF-8 sequence
        assertThat(parseAllSplits(broken).get(0).data()).isEqualTo("\uFFFD"); // decoded as before: replaced
    }

    @Test
    void onlyOneSpaceAfterColonIsDropped() {
        assertThat(parseWhole("data:  two\n\n")).containsExactly(new SseEvent(null, " two"));
    }

    @Test
    void eventWithoutDataIsNotDispatchedAndEventNameDoesNotLeak() {
        assertThat(parseWhole("event: ping\n\ndata: x\n\n")).containsExactly(new SseEvent(null, "x"));
    }

    @Test
    void idIsKeptAndRetryAndUnknownFieldsIgnored() {
        assertThat(parseWhole("id: 7\nretry: 10\nfoo: bar\ndata: x\n\n")).containsExactly(new SseEvent(null, "x", "7"));
    }

    @Test
    void utf8SequencesSplitAcrossReadsAtEveryBytePosition() {
        // 2-, 3- and 4-byte sequences, CRLF framing, an event name with non-ASCII
        byte[] bytes = "event: übung\r\ndata: héllo € 𝄞 漢字\r\n\r\ndata: ✓\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(parseAllSplits(bytes)).containsExactly(new SseEvent("übung", "héllo € 𝄞 漢字"), new SseEvent(null, "✓"));
    }

    @Test
    void crlfSplitBetweenCrAndLfDoesNotProduceAnExtraBlankLine() {
        byte[] bytes = "data: a\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(parseAllSplits(bytes)).containsExactly(new SseEvent(null, "a\nb"));
    }

    @Test
    void finishDispatchesCompleteEventMissingBlankLineButDropsPartialLine() {
        assertThat(parseWhole("data: a\n")).containsExactly(new SseEvent(null, "a"));
        assertThat(parseWhole("data: a\n\ndata: trunc")).containsExactly(new SseEvent(null, "a"));
    }

    @Test
    void leadingByteOrderMarkIsIgnored() {
        // WHATWG: the UTF-8 decode step strips one leading BOM; without that, the first field
        // name would be "\uFEFFdata" and the first event would be lost.
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "data: first\n\ndata: second\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        assertThat(parseAllSplits(all)).containsExactly(new SseEvent(null, "first"), new SseEvent(null, "second"));
    }

    @Test
    void partialBomPrefixIsKeptAsData() {
        byte[] body = {(byte) 0xEF, (byte) 0xBB, 'd', 'a', 't', 'a', ':', ' ', 'x', '\n', '\n', 'd', 'a', 't', 'a', ':', 'y', '\n', '\n'};
        // "\uFFFD"-ish garbage field name → first event ignored as an unknown field, second intact
        assertThat(parseAllSplits(body)).containsExactly(new SseEvent(null, "y"));
    }

    @Test
    void encodeRoundTripsThroughTheParserWithBothLineEndings() {
        SseEvent e = new SseEvent("message_start", "line1\nline2\r\nline3\rline4", "9");
        for (String eol : new String[]{"\n", "\r\n"}) {
            assertThat(parseWhole(e.encode(eol))).containsExactly(new SseEvent("message_start", "line1\nline2\nline3\nline4", "9"));
        }
        assertThat(new SseEvent(null, "x").encode("\r\n")).isEqualTo("data: x\r\n\r\n");
        assertThat(new SseEvent("ping", "{}").encode()).isEqualTo("event: ping\ndata: {}\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai/chat-stream-text.sse", "openai/chat-stream-tools.sse", "openai/stream-error-midstream.sse",
            "anthropic/messages-stream-text.sse", "anthropic/messages-stream-tools.sse", "anthropic/messages-stream-thinking.sse",
            "anthropic/stream-error-overloaded.sse", "gemini/stream-text.sse", "gemini/stream-tools.sse", "gemini/stream-error-midstream.sse"})
    void fixtureTranscriptsParseIdenticallyAtEverySplitSize(String path) {
        byte[] bytes = Fixtures.bytes(path);
        List<SseEvent> whole = Fixtures.parse(bytes, Integer.MAX_VALUE);
        assertThat(whole).isNotEmpty();
        for (SseEvent e : whole) assertThat(e.data()).doesNotContain("\r").isNotBlank();
        for (int size = 1; size <= 64; size++) assertThat(Fixtures.parse(bytes, size)).as("chunk size %d", size).isEqualTo(whole);
        for (long seed = 0; seed < 20; seed++) assertThat(Fixtures.parseRandom(bytes, seed)).isEqualTo(whole);
    }

    @Test
    void fixtureEventCountsAndNames() {
        List<SseEvent> a = Fixtures.parse(Fixtures.bytes("anthropic/messages-stream-text.sse"), 1);
        assertThat(a).extracting(SseEvent::event).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        List<SseEvent> o = Fixtures.parse(Fixtures.bytes("openai/chat-stream-text.sse"), 1);
        assertThat(o).hasSize(1 + 17 + 1 + 1 + 1);
        assertThat(o.getLast().data()).isEqualTo("[DONE]");
        List<SseEvent> g = Fixtures.parse(Fixtures.bytes("gemini/stream-text.sse"), 1);
        assertThat(g).hasSize(3).allSatisfy(e -> assertThat(e.event()).isNull());
    }
}
