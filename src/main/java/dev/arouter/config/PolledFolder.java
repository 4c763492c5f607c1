package dev.arouter.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * A folder of {@code *.yaml} / {@code *.yml} declarations kept current by polling: a changed file
 * is parsed and validated on its own, and only a valid file replaces its previous version. A broken
 * file is rejected with one ERROR line and the version before it keeps serving; a deleted file is
 * dropped. Each change builds and swaps in a whole new snapshot {@code S} from the accepted files
 * (the build also checks rules across files; a file that breaks one is rejected like a broken file).
 *
 * <p>Used by {@code catalog.CatalogLoader} (provider files) and {@code transform.TransformLoader}.
 *
 * @param <T> one parsed file
 * @param <S> the snapshot served
 */
public final class PolledFolder<T, S> {

    /** Parses and validates one file; throw {@link Rejected} with a one-line reason. */
    public interface Parser<T> {
        T parse(Path file) throws Exception;
    }

    /** A file that breaks a rule; its message is the one line logged. */
    public static class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final Logger log;
    private final String kind;
    private final Path dir;
    private final Parser<T> parser;
    private final Function<Map<Path, T>, S> build;
    private final BiFunction<Path, T, String> describe;
    private final AtomicReference<S> current = new AtomicReference<>();
    /** Last good version per file, and the stamp of the file version last looked at. */
    private final Map<Path, T> accepted = new TreeMap<>();
    private final Map<Path, String> seenStamps = new HashMap<>();
    private ScheduledExecutorService watcher;

    /**
     * @param kind     what a file is, for log lines, e.g. {@code "provider file"}
     * @param build    the snapshot of the accepted files (throws {@link Rejected} on cross-file conflicts)
     * @param describe what was loaded from a file, for its INFO line
     */
    public PolledFolder(Logger log, String kind, Path dir, Parser<T> parser, Function<Map<Path, T>, S> build,
            BiFunction<Path, T, String> describe) {
        this.log = log;
        this.kind = kind;
        this.dir = dir;
        this.parser = parser;
        this.build = build;
        this.describe = describe;
    }

    public S current() {
        return current.get();
    }

    public Path dir() {
        return dir;
    }

    /** Scans once now, then every {@code every} on a daemon thread. */
    public void start(Duration every, String threadName) {
        rescan();
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::rescanQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (watcher != null) watcher.shutdownNow();
    }

    private void rescanQuietly() {
        try {
            rescan();
        } catch (RuntimeException e) {
            log.error("Scan of {} failed: {}", dir, e.toString());
        }
    }

    /** Looks for added, changed and removed files; rebuilds the snapshot when anything changed. */
    public synchronized void rescan() {
        Map<Path, String> stamps = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
                for (Path f : files) {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    stamps.put(f, a.lastModifiedTime().toMillis() + ":" + a.size());
                }
            } catch (IOException e) {
                log.error("Cannot list {}: {}", dir, e.toString());
                return;
            }
        } else if (current.get() == null) {
            log.warn("No folder at {}: no {} is loaded", dir.toAbsolutePath(), kind);
        }
        boolean changed = current.get() == null;
        for (Path gone : Set.copyOf(seenStamps.keySet())) {
            if (!stamps.containsKey(gone)) {
                seenStamps.remove(gone);
                if (accepted.remove(gone) != null) {
                    log.info("{} {} removed: it no longer applies", capitalised(kind), gone);
                    changed = true;
                }
            }
        }
        for (Map.Entry<Path, String> e : stamps.entrySet()) {
            if (e.getValue().equals(seenStamps.get(e.getKey()))) continue;
            seenStamps.put(e.getKey(), e.getValue());
            try {
                T parsed = parser.parse(e.getKey());
                Map<Path, T> candidate = new TreeMap<>(accepted);
                candidate.put(e.getKey(), parsed);
                build.apply(candidate); // validates cross-file rules
                accepted.put(e.getKey(), parsed);
                log.info("Loaded {} from {}", describe.apply(e.getKey(), parsed), e.getKey());
                changed = true;
            } catch (Exception ex) {
                String reason = ex instanceof Rejected ? ex.getMessage() : ex.toString();
                log.error("Rejected {} {}: {}. {}", kind, e.getKey(), reason,
                        accepted.containsKey(e.getKey()) ? "The previous version keeps serving."
                                : "It is not served until fixed.");
            }
        }
        if (changed) {
            current.set(build.apply(accepted));
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
