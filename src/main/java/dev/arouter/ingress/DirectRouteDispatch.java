package dev.arouter.ingress;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpListener;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Hands a request for one of the API's paths ({@code POST /v1/chat/completions},
 * {@code /v1/messages}, {@code /v1/embeddings}, Gemini's {@code /v1beta/models/...}, ...) straight to the
 * platform-http consumer of its route, instead of through Spring MVC: Spring's request-context
 * filter, the DispatcherServlet's per-request set-up, its handler lookup over every mapping and the
 * reflective handler call did nothing for these requests but cost 4–6 % of a request's CPU
 * (docs/BENCHMARKS.md, session 11). The consumer is the one Spring MVC would call, so the route,
 * its binding and its error handling are the same.
 *
 * <p>Only what Spring MVC would map to the same consumer takes this way ({@link Table}): a literal
 * path, or a path under a route's prefix ({@code matchOnUriPrefix}, the Gemini routes) where no
 * template could claim it, with a method the route names in {@code httpMethodRestrict}, while
 * Camel's REST CORS is off and the DispatcherServlet serves the root. Everything else (templated
 * paths, HEAD and OPTIONS, a method the route does not serve, so Spring's 405) goes on down the
 * chain. The table follows Camel: a route that starts, stops or is reloaded from its YAML file
 * registers or withdraws its consumer here as it does with Spring MVC.
 *
 * <p>A reload does not fail the requests that arrive during it. Camel replaces a reloaded file's
 * routes gracefully: it suspends the old consumer (which would answer 503) until the route's
 * requests in flight are done, polling once a second, then withdraws it and starts the new route
 * (a gap of a few milliseconds, in which Spring MVC would answer 404). A request for a route in
 * that state waits here, up to {@code arouter.reload-hold}, for a started consumer of its method
 * and path, and is served by the new route; past the hold it gets what Camel and Spring would
 * have given it (a 503 with {@code Retry-After}, see {@link NotFoundAndMethodErrors}, or a 404 if
 * the route is gone for good).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // after RequestSizeLimitFilter, which guards every body
public class DirectRouteDispatch extends HttpFilter implements PlatformHttpListener, SmartInitializingSingleton {

    private final ObjectProvider<CamelContext> camelContext;
    private final boolean servletAtRoot;
    private volatile CamelContext camel; // set once the listener is registered
    // a list: HttpEndpointModel's equality is its path and verbs, and a reloaded route's new consumer
    // can register before the old one leaves
    private final List<HttpEndpointModel> endpoints = new ArrayList<>(); // guarded by itself
    private volatile Table table = Table.EMPTY;
    // consumers withdrawn within the last hold, so that a request arriving between a reloaded route's
    // withdrawal and its successor's start waits for the successor instead of meeting Spring's 404
    private final List<Withdrawn> withdrawn = new ArrayList<>(); // guarded by endpoints
    private volatile Table recentlyWithdrawn = Table.EMPTY;
    private volatile Map<SpringBootPlatformHttpConsumer, Long> withdrawnAt = Map.of(); // System.nanoTime()
    private final long holdNanos;

    private record Withdrawn(HttpEndpointModel model, long at) {}

    public DirectRouteDispatch(ObjectProvider<CamelContext> camelContext,
            @Value("${spring.mvc.servlet.path:/}") String servletPath,
            @Value("${arouter.reload-hold:10s}") Duration reloadHold) {
        this.camelContext = camelContext;
        this.servletAtRoot = "/".equals(servletPath) || servletPath.isEmpty();
        this.holdNanos = Math.max(0, reloadHold.toNanos());
    }

    /** Filters are built with the web server, before Camel: the listener is registered once every bean exists. */
    @Override
    public void afterSingletonsInstantiated() {
        CamelContext context = camelContext.getObject();
        PlatformHttpComponent component = context.getComponent("platform-http", PlatformHttpComponent.class);
        component.addPlatformHttpListener(this);
        for (HttpEndpointModel model : component.getHttpEndpoints()) {
            registerHttpEndpoint(model); // consumers that started before the listener
        }
        camel = context;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = directPath(request);
        SpringBootPlatformHttpConsumer consumer = path == null ? null : consumerFor(request.getMethod(), path);
        if (path != null && (consumer != null ? !consumer.isStarted() : beingReplaced(request.getMethod(), path))) {
            consumer = awaitStartedConsumer(request.getMethod(), path);
        }
        if (consumer == null) {
            chain.doFilter(request, response);
            return;
        }
        // the engine runs the route in place (InlineRouteExecution): the response is written when this returns
        consumer.service(request, response).join();
    }

    /** The request's path as the table knows it, or null where requests must take Spring MVC's way. */
    private String directPath(HttpServletRequest request) {
        CamelContext context = camel;
        if (context == null || !servletAtRoot || context.getRestConfiguration().isEnableCORS()) return null;
        String path = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (!contextPath.isEmpty()) {
            if (!path.startsWith(contextPath)) return null;
            path = path.substring(contextPath.length());
        }
        return path;
    }

    /** Whether a consumer for this method and path was withdrawn within the last hold (a reload's gap). */
    private boolean beingReplaced(String method, String path) {
        if (holdNanos == 0 || withdrawnAt.isEmpty()) return false;
        SpringBootPlatformHttpConsumer gone = recentlyWithdrawn.consumerFor(method, path);
        Long at = gone == null ? null : withdrawnAt.get(gone);
        return at != null && System.nanoTime() - at < holdNanos;
    }

    /**
     * Waits, up to the hold, until a started consumer serves this method and path (a reloaded
     * route's successor), and returns it; past the hold, whatever the table then holds (a suspended
     * consumer answers 503, none means Spring MVC's way).
     */
    private SpringBootPlatformHttpConsumer awaitStartedConsumer(String method, String path) throws IOException {
        long deadline = System.nanoTime() + holdNanos;
        synchronized (endpoints) {
            while (true) {
                SpringBootPlatformHttpConsumer consumer = consumerFor(method, path);
                if (consumer != null && consumer.isStarted()) return consumer;
                long left = deadline - System.nanoTime();
                if (left <= 0 || camel.isStopping() || camel.isStopped()) return consumer; // no successor when the gateway stops
                // woken when a consumer registers or leaves; also looks again now and then, as a
                // suspended consumer may be resumed, and a registered one is started a moment later
                long look = consumer == null ? 1_000 : consumer.isSuspendingOrSuspended() ? 100 : 2;
                try {
                    endpoints.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), look)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the route was being reloaded");
                }
            }
        }
    }

    /** The consumer a request for this method and raw path goes to directly, or null for Spring MVC's way. */
    SpringBootPlatformHttpConsumer consumerFor(String method, String path) {
        return table.consumerFor(method, path);
    }

    @Override
    public void registerHttpEndpoint(HttpEndpointModel model) {
        if (!(model.getConsumer() instanceof SpringBootPlatformHttpConsumer)) return;
        synchronized (endpoints) {
            endpoints.removeIf(e -> e.getConsumer() == model.getConsumer());
            endpoints.add(model);
            table = Table.of(endpoints);
            endpoints.notifyAll();
        }
    }

    @Override
    public void unregisterHttpEndpoint(HttpEndpointModel model) {
        synchronized (endpoints) {
            boolean removed = endpoints.removeIf(e -> e.getConsumer() == model.getConsumer());
            table = Table.of(endpoints);
            long now = System.nanoTime();
            withdrawn.removeIf(w -> now - w.at() >= holdNanos);
            if (removed && holdNanos > 0) withdrawn.add(new Withdrawn(model, now));
            recentlyWithdrawn = Table.of(withdrawn.stream().map(Withdrawn::model).toList());
            Map<SpringBootPlatformHttpConsumer, Long> at = new IdentityHashMap<>();
            for (Withdrawn w : withdrawn) at.put((SpringBootPlatformHttpConsumer) w.model().getConsumer(), w.at());
            withdrawnAt = at;
            endpoints.notifyAll();
        }
    }

    /**
     * Which consumer serves which method and path, as Spring MVC would decide it where that is
     * plain: a literal path for its route's methods (the most specific match in Spring), then for a
     * method no templated path and no nested prefix serves, the route whose prefix
     * ({@code matchOnUriPrefix}) the path falls under. Anything else is left to Spring MVC.
     */
    record Table(Map<String, Map<String, SpringBootPlatformHttpConsumer>> literal,
                 Map<String, Map<String, SpringBootPlatformHttpConsumer>> prefixes) {

        static final Table EMPTY = new Table(Map.of(), Map.of());

        SpringBootPlatformHttpConsumer consumerFor(String method, String path) {
            Map<String, SpringBootPlatformHttpConsumer> byMethod = literal.get(path);
            SpringBootPlatformHttpConsumer exact = byMethod == null ? null : byMethod.get(method);
            if (exact != null) return exact;
            Map<String, SpringBootPlatformHttpConsumer> underPrefix = prefixes.get(method);
            if (underPrefix == null) return null;
            for (var e : underPrefix.entrySet()) {
                String prefix = e.getKey();
                if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                    return e.getValue();
                }
            }
            return null;
        }

        static Table of(List<HttpEndpointModel> models) {
            Map<String, Map<String, SpringBootPlatformHttpConsumer>> literal = new HashMap<>();
            Map<String, Map<String, SpringBootPlatformHttpConsumer>> prefixes = new HashMap<>();
            Set<String> notByPrefix = new HashSet<>(); // methods some templated path serves, or nested prefixes
            for (HttpEndpointModel model : models) {
                SpringBootPlatformHttpConsumer consumer = (SpringBootPlatformHttpConsumer) model.getConsumer();
                String path = model.getUri();
                String verbs = model.getVerbs() != null ? model.getVerbs() : consumer.getEndpoint().getHttpMethodRestrict();
                if (path == null || verbs == null || model.getConsumes() != null || model.getProduces() != null) continue;
                boolean templated = path.indexOf('{') >= 0;
                boolean prefix = consumer.getEndpoint().isMatchOnUriPrefix();
                if (prefix && path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
                for (String verb : verbs.split(",")) {
                    String method = verb.trim().toUpperCase(Locale.ROOT);
                    if (method.isEmpty() || method.equals("HEAD") || method.equals("OPTIONS")) continue;
                    if (templated) {
                        notByPrefix.add(method);
                    } else if (prefix) {
                        Map<String, SpringBootPlatformHttpConsumer> mine = prefixes.computeIfAbsent(method, m -> new HashMap<>());
                        for (String other : mine.keySet()) {
                            if (other.startsWith(path) || path.startsWith(other)) notByPrefix.add(method);
                        }
                        mine.put(path, consumer);
                    } else {
                        literal.computeIfAbsent(path, p -> new HashMap<>()).put(method, consumer);
                    }
                }
            }
            notByPrefix.forEach(prefixes::remove);
            return new Table(frozen(literal), frozen(prefixes));
        }

        private static Map<String, Map<String, SpringBootPlatformHttpConsumer>> frozen(
                Map<String, Map<String, SpringBootPlatformHttpConsumer>> table) {
            Map<String, Map<String, SpringBootPlatformHttpConsumer>> copy = new HashMap<>();
            table.forEach((key, inner) -> copy.put(key, Map.copyOf(inner)));
            return Map.copyOf(copy);
        }
    }
}
