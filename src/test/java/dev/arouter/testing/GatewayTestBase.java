package dev.arouter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the real gateway (routes from ./routes, providers from ./routes/providers) on a random
 * port, with providers pointed at a local {@link MockUpstream}:
 * openai, deepseek, mistral, groq, moonshot, anthropic, google → the mock; xai → a closed port (unreachable).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayTestBase {

    public static final MockUpstream UPSTREAM = MockUpstreamHolder.INSTANCE;
    /** A copy of ./routes (tests may add files to it) plus a test-only provider with a short timeout. */
    public static final Path ROUTES = MockUpstreamHolder.ROUTES;
    /** A copy of ./transforms (tests may add files to it). */
    public static final Path TRANSFORMS = MockUpstreamHolder.TRANSFORMS;
    public static final String ADMIN_KEY = "test-admin-key-0123456789";
    public static final String UPSTREAM_KEY = "sk-upstream-test-key";
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newBuilder()
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static String clientKey;

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry r) {
        for (String p : new String[] {"OPENAI", "DEEPSEEK", "MISTRAL", "GROQ", "MOONSHOT"}) {
            r.add(p + "_BASE_URL", UPSTREAM::baseUrl);
            r.add(p + "_API_KEY", () -> UPSTREAM_KEY);
        }
        for (String p : new String[] {"ANTHROPIC", "GOOGLE"}) {
            r.add(p + "_BASE_URL", UPSTREAM::rootUrl);
            r.add(p + "_API_KEY", () -> UPSTREAM_KEY);
        }
        r.add("XAI_BASE_URL", () -> "http://127.0.0.1:9/v1");
        r.add("arouter.admin-key", () -> ADMIN_KEY);
        r.add("arouter.routes-dir", ROUTES::toString);
        r.add("arouter.transforms-dir", TRANSFORMS::toString);
        r.add("arouter.reload-interval", () -> "500ms");
        r.add("arouter.upstream.first-byte-timeout", () -> "30s");
        // UpstreamIdleConnectionsTest waits for these
        r.add("arouter.upstream.max-idle", () -> "2s");
        r.add("arouter.upstream.warm-connections", () -> "1");
        r.add("arouter.upstream.warm-max-idle", () -> "5s");
        r.add("arouter.reload-hold", () -> "4s");
        r.add("arouter.circuit-breaker.minimum-number-of-calls", () -> "4");
        r.add("arouter.circuit-breaker.sliding-window-size", () -> "8");
        r.add("arouter.circuit-breaker.wait-in-open-state", () -> "60s");
        r.add("arouter.max-request-bytes", () -> "1048576");
        r.add("arouter.media.allow-private-addresses", () -> "true"); // media served by the local mock
        r.add("arouter.usage.batch-interval-ms", () -> "100");
        datasource(r);
    }

    /** The default test store: H2 in memory (PostgreSQL mode), one per test JVM. */
    private static void datasource(DynamicPropertyRegistry r) {
        // a subclass may point the store elsewhere by setting arouter.test.db-url (and -user)
        r.add("spring.datasource.url", () -> "${arouter.test.db-url:jdbc:h2:mem:arouter;DB_CLOSE_DELAY=-1;"
                + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}");
        r.add("spring.datasource.username", () -> "${arouter.test.db-user:sa}");
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A client key created through the admin API (once per database). */
    protected synchronized String clientKey() throws Exception {
        // contexts with different databases run in one JVM: reuse the key only where it exists
        if (clientKey == null || jdbc.queryForObject("select count(*) from api_keys where key_hash = ? and revoked_at is null",
                Integer.class, dev.arouter.keys.KeySecrets.hash(clientKey)) == 0) {
            HttpResponse<String> r = post("/api/v1/keys", "{\"name\":\"tests\",\"account\":\"acme\"}",
                    Map.of("Authorization", "Bearer " + ADMIN_KEY));
            if (r.statusCode() != 201) throw new IllegalStateException("key creation failed: " + r.body());
            clientKey = JSON.readTree(r.body()).get("key").asText();
        }
        return clientKey;
    }

    protected HttpResponse<String> post(String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> chat(String body) throws Exception {
        return post("/v1/chat/completions", body, Map.of("Authorization", "Bearer " + clientKey()));
    }

    protected HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    /** A Camel route file whose route {@code id} answers GET {@code path} with {@code answer} (hot-reload tests). */
    protected static String constantRoute(String id, String path, String answer) {
        return """
                - route:
                    id: %s
                    from:
                      uri: platform-http:%s
                      parameters:
                        httpMethodRestrict: GET
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(id, path, answer);
    }

    /**
     * Replaces {@code file} with {@code content} in one step, as a deploy tool does: written beside
     * it under a name no watcher matches, then renamed over it. An in-place write is seen by Camel's
     * route watcher as two or three changes (created or truncated, then written), each reloading the
     * file's routes, so a test reading the route right after the new answer appeared could meet the
     * next reload's gap.
     */
    protected static void replaceFile(Path file, String content) throws IOException {
        Path staged = file.resolveSibling("." + file.getFileName() + ".staged");
        Files.writeString(staged, content);
        Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The body of GET {@code path}, or "status N" when it is not 200. */
    protected String bodyOrStatus(String path) throws Exception {
        var r = get(path, Map.of());
        return r.statusCode() == 200 ? r.body() : "status " + r.statusCode();
    }

    /** Milliseconds until {@code condition} held, polled every 100 ms; fails after {@code max}. */
    protected static long millisUntil(java.util.concurrent.Callable<Boolean> condition, Duration max) throws Exception {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < max.toNanos()) {
            if (condition.call()) return (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(100);
        }
        throw new AssertionError("condition not met within " + max);
    }

    /** Waits for the usage row of a request (rows are written asynchronously in batches). */
    protected Map<String, Object> usageRow(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var rows = jdbc.queryForList("select * from usage_records where request_id = ?", requestId);
            if (!rows.isEmpty()) return rows.get(0);
            Thread.sleep(50);
        }
        throw new AssertionError("no usage row for " + requestId);
    }

    private static final class MockUpstreamHolder {
        static final MockUpstream INSTANCE;
        static final Path ROUTES;
        static final Path TRANSFORMS;

        static {
            try {
                INSTANCE = new MockUpstream();
                ROUTES = copyOf(Path.of("routes"), "arouter-routes");
                TRANSFORMS = copyOf(Path.of("transforms"), "arouter-transforms");
                Files.writeString(ROUTES.resolve("providers/slowtest.yaml"), """
                        # test-only provider: the mock upstream with a 1.5 s first-byte timeout
                        id: slowtest
                        family: openai
                        baseUrl: %s
                        timeouts: {connectMs: 1000, firstByteMs: 1500}
                        models:
                          - id: slow-1
                            pricing: {input: 1, output: 1}
                        """.formatted(INSTANCE.baseUrl()));
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static Path copyOf(Path src, String prefix) throws IOException {
            Path dir = Files.createTempDirectory(prefix);
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.toList()) {
                    Path target = dir.resolve(src.relativize(f).toString());
                    if (Files.isDirectory(f)) Files.createDirectories(target);
                    else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        }
    }
}
