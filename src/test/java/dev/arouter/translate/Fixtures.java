package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.translate.ir.Json;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Loads the wire fixtures (copied byte-exact from shared/wire/fixtures into test resources). */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/wire/" + path)) {
            if (in == null) throw new IllegalArgumentException("missing fixture " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    public static JsonNode json(String path) {
        return Json.parse(text(path));
    }

    /** Parses bytes feeding them in pieces of {@code chunk} bytes. */
    public static List<SseEvent> parse(byte[] bytes, int chunk) {
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser();
        for (int off = 0; off < bytes.length; off += chunk) {
            p.feed(bytes, off, Math.min(chunk, bytes.length - off), out::add);
        }
        p.finish(out::add);
        return out;
    }

    /** Parses bytes feeding them in random pieces (fixed seed → reproducible). */
    public static List<SseEvent> parseRandom(byte[] bytes, long seed) {
        Random rnd = new Random(seed);
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser();
        int off = 0;
        while (off < bytes.length) {
            int n = Math.min(1 + rnd.nextInt(64), bytes.length - off);
            p.feed(bytes, off, n, out::add);
            off += n;
        }
        p.finish(out::add);
        return out;
    }
}
