package dev.arouter.ingress;

import dev.arouter.config.ArouterProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the door before Camel reads a body: a body over {@code arouter.max-request-bytes} is a
 * 413 in the caller's error shape (checked on Content-Length, or while reading a chunked body), and a
 * JSON body sent with a form content type (curl's default for {@code -d}) is read as the JSON it is
 * instead of being parsed as a form.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final ArouterProperties properties;

    public RequestSizeLimitFilter(ArouterProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long limit = properties.getMaxRequestBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(request, response, limit);
            return;
        }
        HttpServletRequest effective = request;
        if (declared < 0) { // chunked: read with a cap, then hand Camel the bytes
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                tooLarge(request, response, limit);
                return;
            }
            effective = new BufferedBody(request, body);
        }
        String ct = request.getContentType();
        if (ct != null && ct.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            effective = new JsonContentType(effective);
        }
        chain.doFilter(effective, response);
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        ErrorBodies.Encoded encoded = ErrorBodies.inFamily(ErrorBodies.familyOfPath(request.getRequestURI()),
                new GatewayException(413, "invalid_request_error", "request_too_large", null,
                        "The request body is larger than the gateway's limit of " + limit + " bytes."));
        byte[] body = encoded.body();
        response.setStatus(413);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.setHeader("Connection", "close");
        response.getOutputStream().write(body);
    }

    private static final class JsonContentType extends HttpServletRequestWrapper {
        JsonContentType(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return "application/json";
        }

        @Override
        public String getHeader(String name) {
            return "content-type".equalsIgnoreCase(name) ? "application/json" : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "content-type".equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(java.util.List.of("application/json"))
                    : super.getHeaders(name);
        }
    }

    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                public int read() throws IOException {
                    return in.read();
                }

                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                public boolean isFinished() {
                    return ((ByteArrayInputStream) in).available() == 0;
                }

                public boolean isReady() {
                    return true;
                }

                public void setReadListener(ReadListener l) {
                    throw new IllegalStateException("the body is already buffered; read it blocking");
                }
            };
        }
    }
}
