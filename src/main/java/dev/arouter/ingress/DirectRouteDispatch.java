package dev.arouter.ingress;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * Hands a request for one of the API's literal paths ({@code POST /v1/chat/completions},
 * {@code /v1/messages}, {@code /v1/embeddings}, {@code GET /v1/models}, ...) straight to the
 * platform-http consumer of its route, instead of through Spring MVC: Spring's request-context
 * filter, the DispatcherServlet's per-request set-up, its handler lookup over every mapping and the
 * reflective handler call did nothing for these requests but cost 4–6 % of a request's CPU
 * (docs/BENCHMARKS.md, session 11). The consumer is the one Spring MVC would call, so the route,
 * its binding and its error handling are the same.
 *
 * <p>Only what Spring MVC would map to the same consumer takes this way: an exact literal path (no
 * template, no prefix match) with a method its route names in {@code httpMethodRestrict}, while
 * Camel's REST CORS is off and the DispatcherServlet serves the root. Everything else (templated and
 * prefix paths, HEAD and OPTIONS, a method the route does not serve, so Spring's 405) goes on down
 * the chain. The table follows Camel: a route that starts, stops or is reloaded from its YAML file
 * registers or withdraws its consumer here as it does with Spring MVC.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // after RequestSizeLimitFilter, which guards every body
public class DirectRouteDispatch extends HttpFilter implements PlatformHttpListener, SmartInitializingSingleton {

    private final ObjectProvider<CamelContext> camelContext;
    private final boolean servletAtRoot;
    private volatile CamelContext camel; // set once the listener is registered
    /** Literal path → method → consumer; the inner maps are replaced, never changed. */
    private final Map<String, Map<String, SpringBootPlatformHttpConsumer>> routes = new ConcurrentHashMap<>();

    public DirectRouteDispatch(ObjectProvider<CamelContext> camelContext,
            @Value("${spring.mvc.servlet.path:/}") String servletPath) {
        this.camelContext = camelContext;
        this.servletAtRoot = "/".equals(servletPath) || servletPath.isEmpty();
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
        SpringBootPlatformHttpConsumer consumer = consumerFor(request);
        if (consumer == null) {
            chain.doFilter(request, response);
            return;
        }
        // the engine runs the route in place (InlineRouteExecution): the response is written when this returns
        consumer.service(request, response).join();
    }

    private SpringBootPlatformHttpConsumer consumerFor(HttpServletRequest request) {
        CamelContext context = camel;
        if (context == null || !servletAtRoot || context.getRestConfiguration().isEnableCORS()) return null;
        String path = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (!contextPath.isEmpty()) {
            if (!path.startsWith(contextPath)) return null;
            path = path.substring(contextPath.length());
        }
        return consumerFor(request.getMethod(), path);
    }

    /** The consumer a request for this method and raw path goes to directly, or null for Spring MVC's way. */
    SpringBootPlatformHttpConsumer consumerFor(String method, String path) {
        Map<String, SpringBootPlatformHttpConsumer> byMethod = routes.get(path);
        return byMethod == null ? null : byMethod.get(method);
    }

    @Override
    public void registerHttpEndpoint(HttpEndpointModel model) {
        if (!(model.getConsumer() instanceof SpringBootPlatformHttpConsumer consumer)) return;
        String path = model.getUri();
        String verbs = model.getVerbs() != null ? model.getVerbs() : consumer.getEndpoint().getHttpMethodRestrict();
        if (path == null || path.indexOf('{') >= 0 || consumer.getEndpoint().isMatchOnUriPrefix()
                || verbs == null || model.getConsumes() != null || model.getProduces() != null) {
            return; // Spring MVC's matching decides these
        }
        synchronized (routes) {
            Map<String, SpringBootPlatformHttpConsumer> byMethod = new HashMap<>(routes.getOrDefault(path, Map.of()));
            for (String verb : verbs.split(",")) {
                String method = verb.trim().toUpperCase(java.util.Locale.ROOT);
                if (!method.isEmpty() && !method.equals("HEAD") && !method.equals("OPTIONS")) byMethod.put(method, consumer);
            }
            routes.put(path, Map.copyOf(byMethod));
        }
    }

    @Override
    public void unregisterHttpEndpoint(HttpEndpointModel model) {
        synchronized (routes) {
            routes.replaceAll((path, byMethod) -> {
                Map<String, SpringBootPlatformHttpConsumer> left = new HashMap<>(byMethod);
                left.values().removeIf(c -> c == model.getConsumer());
                return Map.copyOf(left);
            });
            routes.values().removeIf(Map::isEmpty);
        }
    }
}
