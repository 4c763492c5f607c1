package dev.arouter.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Operators edit routes/ in production: changes are live within 5 s, broken files never take over. */
class HotReloadTest extends GatewayTestBase {

    String acmeProvider(String model) {
        return """
                id: acme
                family: openai
                baseUrl: %s
                models:
                  - id: %s
                    upstream: acme-upstream
                    pricing: {input: 1, output: 2}
                    contextLength: 8000
                """.formatted(UPSTREAM.baseUrl(), model);
    }

    int chatStatus(String model) throws Exception {
        return chat("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode();
    }

    @Test
    void aProviderFileAddedEditedOrBrokenTakesEffectSafely() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        assertThat(chatStatus("acme/acme-1")).isEqualTo(404);

        Path file = ROUTES.resolve("providers/acme.yaml");
        try {
            providerLifecycle(file);
        } finally {
            Files.deleteIfExists(file); // the routes folder is shared with the other tests' gateway
        }
    }

    private void providerLifecycle(Path file) throws Exception {
        Files.writeString(file, acmeProvider("acme-1"));
        assertThat(millisUntil(() -> chatStatus("acme/acme-1") == 200, Duration.ofSeconds(5))).isLessThan(5000);
        assertThat(json(UPSTREAM.last().body()).get("model").asText()).isEqualTo("acme-upstream");

        Files.writeString(file, acmeProvider("acme-2"));
        millisUntil(() -> chatStatus("acme/acme-2") == 200, Duration.ofSeconds(5));
        assertThat(chatStatus("acme/acme-1")).isEqualTo(404);

        // a broken edit is rejected: the previous version keeps serving
        Files.writeString(file, acmeProvider("acme-3").replace("family: openai", "family: klingon"));
        Thread.sleep(2000);
        assertThat(chatStatus("acme/acme-2")).isEqualTo(200);
        assertThat(chatStatus("acme/acme-3")).isEqualTo(404);
        Files.writeString(file, "id: [unclosed");
        Thread.sleep(1500);
        assertThat(chatStatus("acme/acme-2")).isEqualTo(200);

        Files.delete(file);
        millisUntil(() -> chatStatus("acme/acme-2") == 404, Duration.ofSeconds(5));
    }

    @Autowired
    CamelContext camel;

    @Test
    void reloadingTheUsageRouteKeepsItsWritersAndRecordsEveryRequest() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        Path file = ROUTES.resolve("usage.yaml");
        String original = Files.readString(file);
        try {
            replaceAndAwaitReload(file, original + "\n# edited by HotReloadTest\n", "usage-recorder");
            String[] ids = new String[20];
            for (int i = 0; i < ids.length; i++) {
                var r = chat("{\"model\":\"openai/gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(r.statusCode()).isEqualTo(200);
                ids[i] = r.headers().firstValue("X-Request-Id").orElseThrow();
            }
            // the reloaded aggregate still writes through the usageWriters pool (not shut down by the reload)
            for (String id : ids) assertThat(usageRow(id)).isNotEmpty();
        } finally {
            replaceAndAwaitReload(file, original, "usage-recorder"); // before the next test's requests
        }
    }

    /** Replaces a route file and waits until {@code routeId}, one of its routes, has been recreated. */
    private void replaceAndAwaitReload(Path file, String content, String routeId) throws Exception {
        long written = System.nanoTime();
        replaceFile(file, content);
        millisUntil(() -> {
            org.apache.camel.Route route = camel.getRoute(routeId);
            return route != null && route.getUptimeMillis() < (System.nanoTime() - written) / 1_000_000;
        }, Duration.ofSeconds(5));
    }

    @Test
    void aCamelRouteFileAddedOrEditedIsLiveAndABrokenOneIsRejected() throws Exception {
        Path file = ROUTES.resolve("ops-ping.yaml");
        try {
            routeLifecycle(file);
        } finally {
            Files.deleteIfExists(file); // a later gateway start must not meet a broken file
        }
    }

    /**
     * Camel replaces a reloaded file's routes gracefully: the old consumer takes no new request until
     * the requests in flight are done. A request arriving meanwhile is held for the new route and
     * served by it; the one in flight completes on the old route.
     */
    @Test
    void aRequestArrivingWhileItsRouteIsReloadedIsServedByTheNewRoute() throws Exception {
        Path file = ROUTES.resolve("ops-slow.yaml");
        try {
            // in flight for 1.5 s; Camel looks once a second, so the old route is gone by ~2.5 s, within the 4 s hold
            CompletableFuture<String> inFlight = reloadWhileARequestIsInFlight(file, "slow", 1500);
            long t0 = System.nanoTime();
            var during = get("/ops/slow", Map.of());
            assertThat(during.statusCode()).as(during.body()).isEqualTo(200);
            assertThat(during.body()).as("served by the new route once the old one drained").isEqualTo("v2");
            assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
            assertThat((System.nanoTime() - t0) / 1_000_000).as("held, not refused").isGreaterThan(100L);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Past arouter.reload-hold (4 s in tests) a request for a route still draining a slow request
     * gets a 503 a client retries: Retry-After, the caller's error shape, saying why.
     */
    @Test
    void pastTheHoldARequestForADrainingRouteGetsARetryable503() throws Exception {
        Path file = ROUTES.resolve("ops-slower.yaml");
        try {
            CompletableFuture<String> inFlight = reloadWhileARequestIsInFlight(file, "slower", 7000);
            long t0 = System.nanoTime();
            var refused = get("/ops/slower", Map.of());
            assertThat((System.nanoTime() - t0) / 1_000_000).as("held for the hold first").isGreaterThanOrEqualTo(3900L);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(refused.body()).at("/error/type").asText()).isEqualTo("service_unavailable");
            assertThat(json(refused.body()).at("/error/code").asText()).isEqualTo("route_unavailable");
            assertThat(json(refused.body()).at("/error/message").asText()).contains("/ops/slower").contains("retry");

            assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
            millisUntil(() -> bodyOrStatus("/ops/slower").equals("v2"), Duration.ofSeconds(10));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Serves "v1" from route ops-{name}, sends it a GET that stays in flight for {@code delayMs},
     * replaces the file with "v2", and returns the request in flight once the old route is draining.
     */
    private CompletableFuture<String> reloadWhileARequestIsInFlight(Path file, String name, int delayMs) throws Exception {
        String path = "/ops/" + name;
        replaceFile(file, slowRoute(name, "v1"));
        millisUntil(() -> bodyOrStatus(path).equals("v1"), Duration.ofSeconds(10));
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> bodyOrStatusUnchecked(path + "?delay=" + delayMs));
        millisUntil(() -> camel.getInflightRepository().size("ops-" + name) > 0, Duration.ofSeconds(5));
        replaceFile(file, slowRoute(name, "v2"));
        millisUntil(() -> draining("ops-" + name), Duration.ofSeconds(5));
        return inFlight;
    }

    /** A request in the moment between a route's withdrawal and its successor's start waits for the successor. */
    @Test
    void aRequestBetweenARoutesWithdrawalAndItsRestartIsServedByTheRestartedRoute() throws Exception {
        Path file = ROUTES.resolve("ops-gap.yaml");
        try {
            replaceFile(file, constantRoute("ops-gap", "/ops/gap", "up"));
            millisUntil(() -> bodyOrStatus("/ops/gap").equals("up"), Duration.ofSeconds(10));

            camel.getRouteController().stopRoute("ops-gap");
            var restart = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(500);
                    camel.getRouteController().startRoute("ops-gap");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(bodyOrStatus("/ops/gap")).isEqualTo("up");
            restart.get(5, TimeUnit.SECONDS);
        } finally {
            Files.deleteIfExists(file);
            if (camel.getRoute("ops-gap") != null) camel.removeRoute("ops-gap");
        }
    }

    /** Whether the route's consumer has stopped taking requests (a reload waiting for its requests in flight). */
    private boolean draining(String routeId) {
        org.apache.camel.Route route = camel.getRoute(routeId);
        if (route == null) return false;
        Object consumer = ((PlatformHttpConsumerAware) route.getConsumer()).getPlatformHttpConsumer();
        return consumer instanceof ServiceSupport s && s.isSuspendingOrSuspended(); // null: a new route, not yet started
    }

    private String bodyOrStatusUnchecked(String path) {
        try {
            return bodyOrStatus(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Route ops-{name}: GET /ops/{name} answers {@code answer}, after the query's {@code delay} milliseconds if given. */
    private static String slowRoute(String name, String answer) {
        return """
                - route:
                    id: ops-%s
                    from:
                      uri: platform-http:/ops/%s
                      parameters:
                        httpMethodRestrict: GET
                      steps:
                        - choice:
                            when:
                              - simple: "${header.delay} != null"
                                steps:
                                  - delay:
                                      simple: "${header.delay}"
                        - setBody:
                            constant: "%s"
                """.formatted(name, name, answer);
    }

    private void routeLifecycle(Path file) throws Exception {
        // written in place, as an operator's editor does (the watcher sees it more than once; each is a reload)
        Files.writeString(file, constantRoute("ops-ping", "/ops/ping", "v1"));
        millisUntil(() -> bodyOrStatus("/ops/ping").equals("v1"), Duration.ofSeconds(5));

        Files.writeString(file, constantRoute("ops-ping", "/ops/ping", "v2"));
        millisUntil(() -> bodyOrStatus("/ops/ping").equals("v2"), Duration.ofSeconds(5));

        FileWatcherResourceReloadStrategy watcher = camel.hasService(FileWatcherResourceReloadStrategy.class);
        long rejectedBefore = watcher.getFailedCounter();
        replaceFile(file, constantRoute("ops-ping", "/ops/ping", "v3").replace("setBody", "noSuchEip"));
        millisUntil(() -> watcher.getFailedCounter() > rejectedBefore, Duration.ofSeconds(5)); // the broken file was read
        assertThat(bodyOrStatus("/ops/ping")).isEqualTo("v2");
        // the other routes were not disturbed by any of this
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        assertThat(chatStatus("openai/gpt-5.4")).isEqualTo(200);
    }
}
