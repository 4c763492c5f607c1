package dev.arouter.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire-format fixtures (real request, response and SSE shapes), copied byte-exact from
 * ../shared/wire/fixtures into src/test/resources/wire; see {@link dev.arouter.translate.Fixtures}.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static String text(String name) {
        return dev.arouter.translate.Fixtures.text(name);
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
