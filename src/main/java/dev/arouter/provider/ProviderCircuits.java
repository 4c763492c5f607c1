package dev.arouter.provider;

import dev.arouter.config.ArouterProperties;
import dev.arouter.ingress.RequestContext;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per provider around the upstream call (route steps
 * {@code acquireCircuit} and {@code releaseCircuit}). {@link #acquire} takes a
 * permit before the call (an open circuit fails fast with 503), {@link #release} reports the
 * outcome after it: connection failures, timeouts and 5xx count as failures, any other answer as
 * a success. The breaker judges time to response headers, never the length of a stream.
 */
@Component("providerCircuits")
public class ProviderCircuits {

    private static final String PERMIT = "arouterCircuitPermit";

    private final CircuitBreakerRegistry registry;

    public ProviderCircuits(ArouterProperties properties) {
        ArouterProperties.CircuitBreaker c = properties.getCircuitBreaker();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(c.getSlidingWindowSize())
                .minimumNumberOfCalls(c.getMinimumNumberOfCalls())
                .failureRateThreshold(c.getFailureRateThreshold())
                .waitDurationInOpenState(c.getWaitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(c.getPermittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    public CircuitBreaker forProvider(String providerId) {
        return registry.circuitBreaker(providerId);
    }

    public void acquire(Exchange exchange) {
        CircuitBreaker cb = forProvider(RequestContext.of(exchange).model().provider().id());
        if (!cb.tryAcquirePermission()) {
            throw CallNotPermittedException.createCallNotPermittedException(cb);
        }
        exchange.setProperty(PERMIT, new Permit(cb, System.nanoTime()));
    }

    /** Reports the call's outcome; a no-op when no permit is held (the call never started). */
    public void release(Exchange exchange) {
        Permit permit = exchange.getProperty(PERMIT, Permit.class);
        if (permit == null) return;
        exchange.removeProperty(PERMIT);
        long took = System.nanoTime() - permit.startNanos;
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (failure != null) {
            permit.cb.onError(took, TimeUnit.NANOSECONDS, failure);
        } else if (status != null && status >= 500) {
            permit.cb.onError(took, TimeUnit.NANOSECONDS, new UpstreamStatusException(status));
        } else {
            permit.cb.onSuccess(took, TimeUnit.NANOSECONDS);
        }
    }

    private record Permit(CircuitBreaker cb, long startNanos) {
    }

    @org.springframework.context.annotation.Bean("acquireCircuit")
    static org.apache.camel.Processor acquireCircuit(ProviderCircuits circuits) {
        return circuits::acquire;
    }

    @org.springframework.context.annotation.Bean("releaseCircuit")
    static org.apache.camel.Processor releaseCircuit(ProviderCircuits circuits) {
        return circuits::release;
    }

    /** What the breaker records for an upstream 5xx answer. */
    static final class UpstreamStatusException extends RuntimeException {
        UpstreamStatusException(int status) {
            super("upstream answered HTTP " + status, null, false, false);
        }
    }
}
