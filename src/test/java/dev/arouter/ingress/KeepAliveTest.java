package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.GatewayTestBase;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A client that keeps its HTTP/1.1 connection open (every SDK does) keeps it for as many requests as
 * it likes: the gateway must not close it after a fixed count (Tomcat's default is 100), or every
 * hundredth call pays a new TCP connection.
 */
class KeepAliveTest extends GatewayTestBase {

    @Test
    void oneConnectionServesHundredsOfRequests() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            byte[] request = ("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + clientKey()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 1; i <= 250; i++) {
                out.write(request);
                out.flush();
                Response r = Response.read(in);
                assertThat(r.status).as("request %d on the same connection", i).isEqualTo(200);
                assertThat(r.connectionClose).as("request %d: Connection: close", i).isFalse();
                assertThat(r.body).as("request %d", i).contains("\"object\":\"list\"");
            }
        }
    }

    /** One HTTP/1.1 response with a Content-Length body, read off the socket. */
    private record Response(int status, boolean connectionClose, String body) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            boolean close = false;
            int length = -1;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) length = Integer.parseInt(lower.substring(15).trim());
                if (lower.startsWith("connection:") && lower.contains("close")) close = true;
            }
            assertThat(length).as("Content-Length of a whole JSON answer").isGreaterThanOrEqualTo(0);
            return new Response(status, close, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new IOException("connection closed by the gateway");
                if (c != '\r') b.write(c);
            }
            return b.toString(StandardCharsets.US_ASCII);
        }
    }
}
