package dev.arouter.ingress;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 connector protocol with response buffers of a chosen size. Tomcat sizes every
 * response's output buffer by {@link #getDesiredBufferSize()}, which its HTTP/1.1 protocol leaves
 * at "default" (8 KB of bytes plus 8 K chars beside them, 24 KB per open connection), and
 * platform-http copies a streamed body through a buffer of that size again (see
 * {@link ResponseBuffers}).
 */
public class ResponseBufferProtocol extends Http11NioProtocol {

    private int responseBufferSize = -1;

    /** Bytes in each response's output buffer; zero or less keeps Tomcat's default. */
    public void setResponseBufferSize(int bytes) {
        this.responseBufferSize = bytes;
    }

    @Override
    public int getDesiredBufferSize() {
        return responseBufferSize;
    }
}
