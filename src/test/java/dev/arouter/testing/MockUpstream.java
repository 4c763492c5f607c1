package dev.arouter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for a provider, speaking the exact wire format (bodies taken from
 * ../shared/wire/fixtures). Each test sets how it answers; every request it receives is recorded.
 */
public final class MockUpstream implements AutoCloseable {

    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What the mock answers. */
    public sealed interface Reply permits Json, Sse, Hang {
    }

    public record Json(int status, String body, Map<String, String> headers) implements Reply {
        public Json(int status, String body) {
            this(status, body, Map.of());
        }
    }

    /** Streams {@code events} (each already framed, e.g. "data: {...}\n\n") with {@code gapMillis} between. */
    public record Sse(List<String> events, long gapMillis) implements Reply {
    }

    /** Waits this long before answering anything. */
    public record Hang(long millis) implements Reply {
    }

    private final HttpServer server;
    private volatile Function<Received, Reply> handler = r -> new Json(500, "{\"error\":{\"message\":\"no handler\"}}");
    public final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    /** Streams whose client (the gateway) went away before the last event was written. */
    public final AtomicInteger abortedStreams = new AtomicInteger();
    public final AtomicInteger completedStreams = new AtomicInteger();
    /** Send time (nanoTime) of each event, per stream id taken from the request's "user" field. */
    public final Map<String, List<Long>> sendTimes = new java.util.concurrent.ConcurrentHashMap<>();

    public MockUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public void answer(Function<Received, Reply> h) {
        received.clear();
        handler = h;
    }

    public Received last() {
        Received last = null;
        for (Received r : received) last = r;
        return last;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    Map.copyOf(ex.getRequestHeaders()), body);
            received.add(r);
            Reply reply = handler.apply(r);
            while (reply instanceof Hang h) {
                sleep(h.millis());
                reply = new Json(200, "{}");
            }
            if (reply instanceof Json j) {
                byte[] bytes = j.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                j.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
                ex.sendResponseHeaders(j.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) ex.getResponseBody().write(bytes);
            } else if (reply instanceof Sse s) {
                stream(ex, r, s);
            }
        }
    }

    private void stream(HttpExchange ex, Received r, Sse s) throws IOException {
        String streamId = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(r.body().isEmpty() ? "{}" : r.body()).path("user").asText("");
        List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
        sendTimes.put(streamId, times);
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            for (int i = 0; i < s.events().size(); i++) {
                if (i > 0 && s.gapMillis() > 0) sleep(s.gapMillis());
                times.add(System.nanoTime());
                out.write(s.events().get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            completedStreams.incrementAndGet();
        } catch (IOException e) {
            abortedStreams.incrementAndGet();
            throw e;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
