package dev.arouter.ingress;

import dev.arouter.translate.ir.Family;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns whatever failed into an error response in the caller's format (OpenAI, Anthropic or
 * Gemini shape) with a meaningful status:
 * the gateway's own refusals as they are, upstream connection failures 502, upstream timeouts 504,
 * an open circuit 503, and anything unexpected a 500 without internals (logged with the request id).
 */
@Component("renderError")
public class RenderError implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RenderError.class);

    @Override
    public void process(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RequestContext ctx = RequestContext.of(exchange);
        String requestId = ctx == null ? "-" : ctx.requestId();
        GatewayException error = classify(t, ctx);
        if (error.status() >= 500) {
            if (error.status() == 500) {
                LOG.error("Request {} failed unexpectedly", requestId, t);
            } else {
                LOG.warn("Request {} failed: {} {}", requestId, error.status(), error.getMessage());
            }
        }
        if (ctx != null) {
            ctx.end(error.status(), error.status() >= 500 ? "upstream_error" : "rejected");
            ctx.finished();
        }
        ErrorBodies.Encoded encoded = ErrorBodies.inFamily(ctx == null ? Family.OPENAI : ctx.clientFamily(), error);
        ResponseHeaders.json(exchange, encoded.status(), encoded.body());
        if (error.retryAfter() != null) exchange.getMessage().setHeader("Retry-After", error.retryAfter());
    }

    static GatewayException classify(Throwable t, RequestContext ctx) {
        String provider = ctx != null && ctx.model() != null ? ctx.model().provider().name() : "the provider";
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof GatewayException g) return g;
            if (c instanceof dev.arouter.translate.ir.TranslationException te) {
                return new GatewayException(te.error().httpStatus(), "invalid_request_error",
                        te.error().providerCode(), null, te.error().message());
            }
            if (c instanceof CallNotPermittedException) {
                return new GatewayException(503, "service_unavailable", "circuit_open", null,
                        "The circuit to " + provider + " is open after repeated upstream failures; retry shortly.");
            }
            if (c instanceof ConnectTimeoutException) {
                return new GatewayException(504, "upstream_timeout", "connect_timeout", null,
                        "Timed out connecting to " + provider + ".");
            }
            if (c instanceof SocketTimeoutException || (c instanceof InterruptedIOException && !(c instanceof java.nio.channels.ClosedByInterruptException))) {
                return new GatewayException(504, "upstream_timeout", "upstream_timeout", null,
                        provider + " did not answer in time.");
            }
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException || c instanceof NoHttpResponseException
                    || c instanceof SSLException) {
                String why = c instanceof ConnectException ? "connection refused"
                        : c instanceof UnknownHostException ? "unknown host"
                        : c instanceof SSLException ? "TLS handshake failed"
                        : c instanceof NoHttpResponseException ? "no response" : "no route to host";
                return new GatewayException(502, "upstream_error", "upstream_unreachable", null,
                        "Could not reach " + provider + " (" + why + ").");
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return new GatewayException(502, "upstream_error", "upstream_connection_failed", null,
                        "The connection to " + provider + " failed.");
            }
        }
        String id = ctx == null ? "" : " (request " + ctx.requestId() + ")";
        return new GatewayException(500, "server_error", "internal_error", null,
                "The gateway failed to process the request" + id + ".");
    }
}
