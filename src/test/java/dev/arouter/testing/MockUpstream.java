package dev.arouter.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for a provider, speaking the exact wire format (bodies taken from
 * ../shared/wire/fixtures). Each test sets how it answers; every request it receives is recorded.
 */
public final class MockUpstream implements AutoCloseable {

    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What the mock answers. */
    public sealed interface Reply permits Json, Raw, Sse, Hang {
    }

    public record Json(int status, String body, Map<String, String> headers) implements Reply {
        public Json(int status, String body) {
            this(status, body, Map.of());
        }
    }

    /** Any bytes with a content type (e.g. an image the gateway fetches). */
    public record Raw(int status, String contentType, byte[] body) implements Reply {
    }

    /** Streams {@code events} (each already framed, e.g. "data: {...}\n\n") with {@code gapMillis} between. */
    public record Sse(List<String> events, long gapMillis) implements Reply {
    }

    /** Waits this long before answering anything. */
    public record Hang(long millis) implements Reply {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Function<Received, Reply> handler = r -> new Json(500, "{\"error\":{\"message\":\"no handler\"}}");
    public final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    /** Streams whose client (the gateway) went away before the last event was written. */
    public final AtomicInteger abortedStreams = new AtomicInteger();
    public final AtomicInteger completedStreams = new AtomicInteger();
    /** Send time (nanoTime) of each event, per stream id taken from the request's "user" field. */
    public final Map<String, List<Long>> sendTimes = new ConcurrentHashMap<>();

    /**
     * A plain HTTP/1.1 server on virtual threads (one per connection, keep-alive, never closes an
     * idle connection by itself), so the tests measure the gateway and not the mock.
     */
    public MockUpstream() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 8192);
        Thread.ofVirtual().name("mock-upstream-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Base URL in the OpenAI convention (ends in /v1). */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** Base URL in the Anthropic and Gemini convention (the host root). */
    public String rootUrl() {
        return "http://127.0.0.1:" + port();
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

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                threads.submit(() -> serve(s));
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) return;
                String[] parts = requestLine.split(" ");
                Map<String, List<String>> headers = new HashMap<>();
                String h;
                while ((h = line(in)) != null && !h.isEmpty()) {
                    int c = h.indexOf(':');
                    headers.computeIfAbsent(h.substring(0, c).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(h.substring(c + 1).trim());
                }
                byte[] body = readBody(in, headers);
                String path = parts[1].contains("?") ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
                String query = parts[1].contains("?") ? parts[1].substring(parts[1].indexOf('?') + 1) : "";
                Received r = new Received(parts[0], path, query, headers, new String(body, StandardCharsets.UTF_8));
                received.add(r);
                Reply reply = handler.apply(r);
                if (reply instanceof Hang hang) {
                    sleep(hang.millis());
                    reply = new Json(200, "{}");
                }
                if (reply instanceof Json j) {
                    byte[] bytes = j.body().getBytes(StandardCharsets.UTF_8);
                    StringBuilder head = new StringBuilder("HTTP/1.1 " + j.status() + " X\r\n")
                            .append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
                    j.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.flush();
                } else if (reply instanceof Raw raw) {
                    out.write(("HTTP/1.1 " + raw.status() + " X\r\nContent-Type: " + raw.contentType()
                            + "\r\nContent-Length: " + raw.body().length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(raw.body());
                    out.flush();
                } else if (reply instanceof Sse sse) {
                    if (!stream(out, r, sse)) return;
                }
            }
        } catch (IOException e) {
            // connection closed by the gateway
        } finally {
            open.remove(socket);
        }
    }

    private boolean stream(OutputStream out, Received r, Sse s) {
        String streamId;
        try {
            streamId = JSON.readTree(r.body().isEmpty() ? "{}" : r.body()).path("user").asText("");
        } catch (IOException e) {
            streamId = "";
        }
        List<Long> times = new CopyOnWriteArrayList<>();
        sendTimes.put(streamId, times);
        try {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < s.events().size(); i++) {
                if (i > 0 && s.gapMillis() > 0) sleep(s.gapMillis());
                byte[] event = s.events().get(i).getBytes(StandardCharsets.UTF_8);
                times.add(System.nanoTime());
                out.write((Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(event);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            completedStreams.incrementAndGet();
            return true;
        } catch (IOException e) {
            abortedStreams.incrementAndGet();
            return false;
        }
    }

    private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    while (!line(in).isEmpty()) { } // trailers
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        }
        List<String> cl = headers.get("content-length");
        return cl == null ? new byte[0] : in.readNBytes(Integer.parseInt(cl.get(0)));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) s.close();
    }
}
