package dev.arouter.translate.sse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SseWriter must give exactly the bytes of {@code encode(eol).getBytes(UTF_8)}, the way events were written before. */
class SseWriterTest {

    /** Strings where a UTF-8 generator and String.getBytes could differ. */
    static final List<String> TRICKY = List.of("", "plain", "a😀b", "x\ud83dy", "\ude00", "end\ud83d", "\ud83d\ud83d\ude00",
            "\u2028\u2029\u0000\u001f\u007f\u0080é€", "line\r\nbreak\rand\nmore", "C:\\uDead \\ud83d", "tab\t\"quote\"/",
            "日本語テキスト", "x".repeat(20_000) + "😀");

    static List<SseEvent> events() {
        List<SseEvent> events = new ArrayList<>();
        events.add(new SseEvent(null, "[DONE]"));
        events.add(new SseEvent("ping", "{}"));
        events.add(new SseEvent("message_start", "line1\r\nline2\nline3\rline4", "9"));
        events.add(new SseEvent(null, ""));
        events.add(new SseEvent(null, "\n"));
        events.add(new SseEvent("évé😀\ud83d", "x\ud83d\ny", "id\ude00"));
        for (String s : TRICKY) {
            events.add(new SseEvent(null, s));
            ObjectNode o = Json.object().put("text", s);
            o.putObject("args").put(s, s).put("n", new BigDecimal("1.10")).put("d", 0.1).putArray("a").add(s).addNull();
            events.add(SseEvent.json(null, o));
            events.add(SseEvent.json("content_block_delta", Json.object().put("type", "text_delta").put("text", s)));
            events.add(SseEvent.json(null, g -> {
                g.writeStartObject();
                g.writeStringField(s, s);
                g.writeArrayFieldStart("a");
                g.writeNumber(7L);
                g.writeNull();
                g.writeEndArray();
                g.writeEndObject();
            }));
        }
        return events;
    }

    @Test
    void writesWhatEncodeGaveAsUtf8() {
        for (String eol : List.of("\n", "\r\n")) {
            SseWriter w = new SseWriter(eol);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (SseEvent e : events()) {
                byte[] expected = e.encode(eol).getBytes(StandardCharsets.UTF_8);
                assertThat(w.render(e)).as("%s", e).isEqualTo(expected);
                assertThat(w.render(List.of(e))).as("%s again", e).isEqualTo(expected);
                all.writeBytes(expected);
            }
            assertThat(w.render(events())).isEqualTo(all.toByteArray());
            assertThat(new SseWriter(eol).render(events())).isEqualTo(all.toByteArray());
        }
        assertThat(new SseWriter("\n").render(List.of())).isEmpty();
    }

    /** Collects what a writer hands it, copying the bytes at once as a relay's buffer does. */
    static final class Collected extends ByteArrayOutputStream implements SseWriter.Sink {
        int calls;

        @Override
        public void write(byte[] b, int off, int len) {
            calls++;
            super.write(b, off, len);
        }
    }

    @Test
    void handsTheSameBytesToASink() {
        for (String eol : List.of("\n", "\r\n")) {
            SseWriter w = new SseWriter(eol);
            Collected all = new Collected();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (SseEvent e : events()) {
                byte[] one = e.encode(eol).getBytes(StandardCharsets.UTF_8);
                Collected single = new Collected();
                w.render(e, single);
                assertThat(single.toByteArray()).as("%s", e).isEqualTo(one);
                w.render(List.of(e, e), all); // the large event leaves a grown buffer behind: still right after it
                expected.writeBytes(one);
                expected.writeBytes(one);
            }
            assertThat(all.toByteArray()).isEqualTo(expected.toByteArray());
            assertThat(all.calls).isEqualTo(events().size()); // one hand-over per render
        }
        Collected none = new Collected();
        new SseWriter("\n").render(List.of(), none);
        assertThat(none.calls).isZero();
    }

    @Test
    void aJsonEventIsTheEventOfItsText() {
        for (SseEvent e : events()) {
            SseEvent text = new SseEvent(e.event(), e.data(), e.id());
            assertThat(e).isEqualTo(text).hasSameHashCodeAs(text).hasToString(text.toString());
        }
        ObjectNode o = Json.object().put("type", "ping");
        assertThat(SseEvent.json("ping", o).data()).isEqualTo(Json.write(o)).isEqualTo("{\"type\":\"ping\"}");
        assertThat(SseEvent.json("ping", o).encode()).isEqualTo("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    }
}
