package dev.arouter.translate.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import dev.arouter.testing.PauseMeter;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The gateway holds many long streams at once: 1,000 concurrent slow streams (events 1.5 s apart),
 * each event relayed before the upstream produced the next, every stream recorded. Client, gateway
 * and mock share this JVM, so an event is excused only when a pause of the whole process (measured
 * by {@link PauseMeter}) explains all of its lateness; a gateway that holds events back still fails.
 */
class ConcurrentStreamsTest extends GatewayTestBase {

    static final int STREAMS = 1000;
    static final int PIECES = 4;
    static final long GAP_MS = 1500;

    @Test
    void thousandConcurrentSlowStreamsWithZeroErrorsAllLiveAllRecorded() throws Exception {
        String key = clientKey();
        warmUp(key);
        UPSTREAM.answer(r -> new MockUpstream.Sse(OpenAiStreamingTest.chunks(PIECES), GAP_MS));
        Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
        Map<String, String> requestIds = new ConcurrentHashMap<>();
        List<Future<String>> results = new ArrayList<>();
        long origin = System.nanoTime();
        PauseMeter pauses = PauseMeter.start(20);
        try (pauses; ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < STREAMS; i++) {
                String id = "conc-" + i;
                long startAfter = 3L * i; // streams start over three seconds, as real clients do
                results.add(pool.submit(() -> {
                    Thread.sleep(startAfter);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                            .timeout(Duration.ofSeconds(90))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(OpenAiStreamingTest.request(id, false))).build();
                    HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
                    if (r.statusCode() != 200) return "status " + r.statusCode();
                    requestIds.put(id, r.headers().firstValue("X-Request-Id").orElse(""));
                    List<Long> times = new ArrayList<>();
                    String last = null;
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (line.startsWith("data: ")) {
                                times.add(System.nanoTime());
                                last = line;
                            }
                        }
                    }
                    arrivals.put(id, times);
                    return "data: [DONE]".equals(last) ? "ok" : "ended with " + last;
                }));
            }
            for (Future<String> f : results) assertThat(f.get()).isEqualTo("ok");
        }

        int late = 0; // every event, the first ones included, must beat the upstream's next event
        int excused = 0;
        long worstLagMs = 0;
        int[] lateByIndex = new int[PIECES + 1];
        for (int i = 0; i < STREAMS; i++) {
            String id = "conc-" + i;
            List<Long> sent = UPSTREAM.sendTimes.get(id);
            List<Long> got = arrivals.get(id);
            assertThat(got).hasSize(PIECES + 3); // role, pieces, finish, [DONE]
            for (int e = 0; e < PIECES + 1; e++) {
                worstLagMs = Math.max(worstLagMs, (got.get(e) - sent.get(e)) / 1_000_000);
                long lateBy = got.get(e) - sent.get(e + 1);
                if (lateBy < 0) continue; // arrived before the next one was produced
                if (pauses.pausedWithin(sent.get(e), got.get(e)) > lateBy) {
                    excused++; // on time but for a stop of the whole JVM
                } else {
                    late++;
                    lateByIndex[e]++;
                }
            }
        }
        if (excused > 0) System.out.printf("ConcurrentStreamsTest: %d late events excused by JVM pauses %s%n",
                excused, pauses.describe(origin));
        assertThat(late).as("events not relayed live (late per event index %s, worst lag %d ms, %d late events "
                + "excused by JVM pauses %s)", java.util.Arrays.toString(lateByIndex), worstLagMs, excused,
                pauses.describe(origin)).isZero();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int rows = 0;
        while (System.nanoTime() < deadline) {
            rows = jdbc.queryForObject("select count(*) from usage_records where stream = true and outcome = 'ok' "
                    + "and request_id in (" + String.join(",", requestIds.values().stream().map(s -> "'" + s + "'").toList()) + ")",
                    Integer.class);
            if (rows == STREAMS) break;
            Thread.sleep(100);
        }
        assertThat(rows).isEqualTo(STREAMS);
    }

    /** Compiles the streaming path (JIT) and fills the connection pools before anything is timed. */
    private void warmUp(String key) throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(OpenAiStreamingTest.chunks(PIECES), 0));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> warm = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String id = "warm-" + i;
                warm.add(pool.submit(() -> {
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(OpenAiStreamingTest.request(id, false))).build();
                    return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
                }));
            }
            for (Future<Integer> f : warm) assertThat(f.get()).isEqualTo(200);
        }
    }
}
