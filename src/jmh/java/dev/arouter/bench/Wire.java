package dev.arouter.bench;

import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire fixtures of src/test/resources/wire (byte-exact copies of the shared ones) as benchmark
 * inputs, and the checks every benchmark makes once at setup so that a broken input fails loudly
 * instead of measuring nothing.
 */
final class Wire {
    private Wire() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Wire.class.getResourceAsStream("/wire/" + path)) {
            if (in == null) throw new IllegalStateException("missing wire fixture " + path);
            byte[] b = in.readAllBytes();
            if (b.length == 0) throw new IllegalStateException("empty wire fixture " + path);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of an SSE transcript; at least one, or the fixture is broken. */
    static List<SseEvent> events(String path) {
        byte[] in = bytes(path);
        List<SseEvent> out = new ArrayList<>();
        SseParser parser = new SseParser();
        parser.feed(in, 0, in.length, out::add);
        parser.finish(out::add);
        check(!out.isEmpty(), path + " yields no SSE event");
        return out;
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("benchmark input broken: " + what);
    }
}
