package dev.arouter.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.DeferredResultMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Runs each Camel route on the virtual thread Tomcat gave the request, and answers in that one pass
 * through Spring MVC.
 *
 * <p>Why: platform-http on Spring Boot hands every exchange to Spring's task executor and returns a
 * {@code CompletableFuture}; Spring MVC then starts servlet async processing and, when the future
 * completes, dispatches the request back into Tomcat, the filter chain and the DispatcherServlet
 * to finish it. With virtual threads the request thread may block as long as it likes, so the hop
 * buys nothing and costs two thread hand-offs (each a wake-up of an idle carrier, or a wait behind
 * every open stream's events in the carriers' queue) and the second pass. Measured at one
 * connection: 266 → 203 µs of gateway CPU per request, p50 259 → 185 µs; at 64 connections no
 * change (docs/BENCHMARKS.md, session 8). Here the engine's executor runs the route in place, so
 * the future is complete when the handler returns and is answered on the spot; one that is not
 * (never, with this engine) still goes through Spring's own async handling.
 */
@Configuration
public class InlineRouteExecution {

    /**
     * Replaces the auto-configured engine (it is {@code @ConditionalOnMissingBean}); the component
     * looks it up by this name.
     */
    @Bean("platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }

    @Bean
    static BeanPostProcessor completedRouteAnswers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getReturnValueHandlers() != null) {
                    List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(adapter.getReturnValueHandlers());
                    handlers.addFirst(new CompletedRouteAnswer());
                    adapter.setReturnValueHandlers(handlers);
                }
                return bean;
            }
        };
    }

    /** A platform-http consumer's future that is already complete: the response is written. */
    static final class CompletedRouteAnswer implements HandlerMethodReturnValueHandler {

        private static final DeferredResultMethodReturnValueHandler ASYNC = new DeferredResultMethodReturnValueHandler();

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            return SpringBootPlatformHttpConsumer.class.isAssignableFrom(returnType.getContainingClass())
                    && CompletableFuture.class.isAssignableFrom(returnType.getParameterType());
        }

        @Override
        public void handleReturnValue(Object value, MethodParameter returnType, ModelAndViewContainer mav,
                NativeWebRequest request) throws Exception {
            if (!(value instanceof CompletableFuture<?> future) || !future.isDone()) {
                ASYNC.handleReturnValue(value, returnType, mav, request);
                return;
            }
            try {
                future.get();
            } catch (ExecutionException | CompletionException e) {
                if (e.getCause() instanceof Exception cause) throw cause;
                throw e;
            }
            mav.setRequestHandled(true);
        }
    }
}
