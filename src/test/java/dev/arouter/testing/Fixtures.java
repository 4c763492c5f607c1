package dev.arouter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The wire-format fixtures of ../shared/wire/fixtures (real request, response and SSE shapes). */
public final class Fixtures {

    private static final Path ROOT = locate();

    private Fixtures() {
    }

    private static Path locate() {
        String configured = System.getProperty("arouter.fixtures");
        if (configured != null) return Path.of(configured);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/wire/fixtures");
            if (Files.isDirectory(candidate)) return candidate;
            candidate = p.resolveSibling("shared").resolve("wire/fixtures");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IllegalStateException("../shared/wire/fixtures not found; set -Darouter.fixtures");
    }

    public static String text(String name) {
        try {
            return Files.readString(ROOT.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of a raw .sse transcript, each with its framing, in order. */
    public static List<String> sseEvents(String name) {
        String raw = text(name);
        String sep = raw.contains("\r\n\r\n") ? "\r\n\r\n" : "\n\n";
        List<String> events = new ArrayList<>();
        for (String e : raw.split(java.util.regex.Pattern.quote(sep))) {
            if (!e.isBlank()) events.add(e + sep);
        }
        return events;
    }
}
