package dev.arouter.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
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
     * Camel stops a reloaded file's routes gracefully: their consumers stop taking requests until
     * the requests in flight are done. A request arriving meanwhile gets a 503 a client retries
     * (Retry-After, the caller's error shape), never a hang or an empty page, and the one in
     * flight completes on the old route.
     */
    @Test
    void aRouteBeingReloadedAnswersRetryableErrorsWhileItsRequestsInFlightFinish() throws Exception {
        Path file = ROUTES.resolve("ops-slow.yaml");
        try {
            replaceFile(file, slowRoute("v1"));
            millisUntil(() -> bodyOrStatus("/ops/slow").equals("v1"), Duration.ofSeconds(10));

            var inFlight = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return bodyOrStatus("/ops/slow");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300); // the request is in the route's 4 s delay
            replaceFile(file, slowRoute("v2"));
            long t0 = System.nanoTime();
            java.net.http.HttpResponse<String> refused = null;
            while (refused == null && System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos()) {
                var r = get("/ops/slow?fast=1", Map.of());
                if (r.statusCode() == 503) refused = r;
                Thread.sleep(50);
            }
            assertThat(refused).as("a 503 while the reloaded route drains").isNotNull();
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(refused.body()).at("/error/type").asText()).isEqualTo("service_unavailable");
            assertThat(json(refused.body()).at("/error/code").asText()).isEqualTo("route_unavailable");
            assertThat(json(refused.body()).at("/error/message").asText()).contains("/ops/slow").contains("retry");

            assertThat(inFlight.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("v1");
            millisUntil(() -> bodyOrStatus("/ops/slow?fast=1").equals("v2"), Duration.ofSeconds(10));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** GET /ops/slow answers {@code answer}, after 4 s unless the query has fast=1. */
    private static String slowRoute(String answer) {
        return """
                - route:
                    id: ops-slow
                    from:
                      uri: platform-http:/ops/slow
                      parameters:
                        httpMethodRestrict: GET
                      steps:
                        - choice:
                            when:
                              - simple: "${header.fast} != '1'"
                                steps:
                                  - delay:
                                      constant: 4000
                        - setBody:
                            constant: "%s"
                """.formatted(answer);
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
