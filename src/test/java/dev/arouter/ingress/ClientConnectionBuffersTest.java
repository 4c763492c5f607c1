package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.GatewayTestBase;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The gateway runs on heaps under 2 GiB, where Tomcat by itself turns off its cache of connection
 * buffers: each new client connection would then allocate two fresh 8 KB buffers. The running
 * connector must keep closed connections' buffers for the next ones.
 */
class ClientConnectionBuffersTest extends GatewayTestBase {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void closedConnectionsLeaveTheirBuffersToTheNextOnes() throws Exception {
        assertThat(get("/v1/models", java.util.Map.of("Authorization", "Bearer " + clientKey())).statusCode())
                .isEqualTo(200);
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(String.valueOf(connector.getProperty("socket.bufferPool"))).isEqualTo("1000");
    }
}
