package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Pipeline;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * A request is answered in one pass through Tomcat: the route runs on the thread that received it,
 * with no servlet async start and no second dispatch (each was a thread hand-off and a second walk
 * through the filters and the DispatcherServlet), for JSON answers, streams and errors alike.
 */
class InlineRouteExecutionTest extends GatewayTestBase {

    @Autowired
    WebServerApplicationContext context;

    final DispatchCounter dispatches = new DispatchCounter();
    Pipeline pipeline;

    @BeforeEach
    void watchDispatches() {
        pipeline = ((TomcatWebServer) context.getWebServer()).getTomcat().getEngine().getPipeline();
        pipeline.addValve(dispatches);
    }

    @AfterEach
    void stopWatching() {
        pipeline.removeValve(dispatches);
    }

    @Test
    void aJsonAnswerTakesOnePass() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));

        HttpResponse<String> r = chat("""
                {"model":"openai/gpt-5.4","messages":[{"role":"user","content":"Why do lighthouses flash?"}]}""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).at("/model").asText()).isEqualTo("openai/gpt-5.4");
        assertThat(dispatches.requests.get()).isEqualTo(1);
        assertThat(dispatches.asyncStarted.get()).isZero();
        assertThat(dispatches.asyncDispatches.get()).isZero();
    }

    @Test
    void aStreamTakesOnePass() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Sse(Fixtures.sseEvents("openai/chat-stream-text.sse"), 0));

        HttpResponse<String> r = chat("""
                {"model":"openai/gpt-5.4","stream":true,"messages":[{"role":"user","content":"Why do lighthouses flash?"}]}""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data: [DONE]");
        assertThat(dispatches.requests.get()).isEqualTo(1);
        assertThat(dispatches.asyncStarted.get()).isZero();
        assertThat(dispatches.asyncDispatches.get()).isZero();
    }

    @Test
    void anErrorTakesOnePass() throws Exception {
        HttpResponse<String> r = chat("""
                {"model":"openai/gpt-5.4","messages":"not a list"}""");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(dispatches.requests.get()).isEqualTo(1);
        assertThat(dispatches.asyncStarted.get()).isZero();
        assertThat(dispatches.asyncDispatches.get()).isZero();
    }

    /** Counts what passes Tomcat's engine for /v1/: first dispatches, async starts and async re-dispatches. */
    static final class DispatchCounter extends ValveBase {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger asyncStarted = new AtomicInteger();
        final AtomicInteger asyncDispatches = new AtomicInteger();

        DispatchCounter() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            if (!request.getRequestURI().startsWith("/v1/")) { // e.g. the test key being made
                getNext().invoke(request, response);
                return;
            }
            if (request.getDispatcherType() == DispatcherType.ASYNC) asyncDispatches.incrementAndGet();
            else requests.incrementAndGet();
            getNext().invoke(request, response);
            if (request.isAsyncStarted()) asyncStarted.incrementAndGet();
        }
    }
}
