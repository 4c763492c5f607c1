package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Responses are written through 2 KB buffers, not Tomcat's 8 KB (plus 16 KB of chars), because a
 * stream keeps them for its whole life; a JSON body larger than the buffer still goes out whole,
 * with its Content-Length.
 */
class ResponseBuffersTest extends GatewayTestBase {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theConnectorSizesResponseBuffersForEvents() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProtocolHandler()).isInstanceOf(ResponseBufferProtocol.class);
        assertThat(connector.getProtocolHandler().getDesiredBufferSize()).isEqualTo(2048);
    }

    @Test
    void aJsonBodyLargerThanTheBufferKeepsItsContentLength() throws Exception {
        String content = "Each lighthouse has its own rhythm. ".repeat(400); // ~14 KB
        String answer = Fixtures.text("openai/chat-text.response.json").replaceFirst("\"content\": \"[^\"]*\"",
                java.util.regex.Matcher.quoteReplacement("\"content\": \"" + content + "\""));
        UPSTREAM.answer(r -> new MockUpstream.Json(200, answer));

        HttpResponse<String> r = chat("""
                {"model":"openai/gpt-5.4","messages":[{"role":"user","content":"Why do lighthouses flash?"}]}""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).at("/choices/0/message/content").asText()).isEqualTo(content);
        assertThat(r.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(r.headers().firstValue("Content-Length"))
                .contains(String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
    }
}
