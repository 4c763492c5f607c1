import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One-connection latency probe for the ARouter benchmark: sends the same request over one HTTP/1.1
 * keep-alive connection, one at a time, and times each from just before the write to the last byte
 * of the answer with {@link System#nanoTime()}. A blocking socket on a platform thread: the kernel
 * wakes the reader directly when the answer lands, with no event loop in between.
 *
 * <p>Why it exists next to wrk -c1: on this 2-core VM, wrk's own event loop adds a millisecond-scale
 * tail even against the mock (measured: wrk p99 1.2 ms where a packet capture of the same run gave
 * 0.05 ms), so a p99 difference of two wrk runs mostly measures the client. The probe allocates a few
 * hundred bytes per request (the harness gives it a young generation no run fills, so the client
 * never collects garbage while measuring) and reads by Content-Length or chunked framing. Output: tab-separated "metric value" lines, the same names as bench/wrk/chat.lua.
 */
public final class LatencyProbe {

    public static void main(String[] args) throws Exception {
        String url = null, body = "";
        List<String> headers = new ArrayList<>();
        double seconds = 10, warmupSeconds = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--body" -> body = args[++i];
                case "-H" -> headers.add(args[++i]);
                case "--duration" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmupSeconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: LatencyProbe --url U [--body B] [-H 'Name: value']... [--duration S] [--warmup S])");
            }
        }
        if (url == null) throw new IllegalArgumentException("--url is required");
        URI u = URI.create(url);
        int port = u.getPort() < 0 ? 80 : u.getPort();
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder req = new StringBuilder()
                .append(bodyBytes.length > 0 ? "POST " : "GET ").append(u.getRawPath())
                .append(u.getRawQuery() == null ? "" : "?" + u.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(u.getHost()).append(':').append(port).append("\r\n")
                .append("Content-Type: application/json\r\n");
        for (String h : headers) req.append(h).append("\r\n");
        if (bodyBytes.length > 0) req.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        req.append("\r\n");
        byte[] head = req.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = Arrays.copyOf(head, head.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, request, head.length, bodyBytes.length);

        Connection c = new Connection(u.getHost(), port);
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) c = c.exchange(request, u.getHost(), port, null);

        long[] lat = new long[1 << 22];
        int n = 0, errors = 0, reconnects = c.reconnects;
        long start = System.nanoTime(), end = start + (long) (seconds * 1e9);
        Result r = new Result();
        while (System.nanoTime() < end && n < lat.length) {
            c = c.exchange(request, u.getHost(), port, r);
            if (r.status < 200 || r.status > 299) errors++;
            lat[n++] = r.nanos;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        c.close();
        Arrays.sort(lat, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += lat[i];
        System.out.printf(Locale.ROOT, "requests\t%d%nduration_s\t%.3f%nrps\t%.1f%nerrors\t%d%nreconnects\t%d%n",
                n, wall, n / wall, errors, c.reconnects - reconnects);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            String name = ("" + p).replace(".0", "").replace('.', '_');
            System.out.printf(Locale.ROOT, "lat_p%s_ms\t%.4f%n", name, n == 0 ? 0 : lat[Math.min(n - 1, (int) Math.ceil(p / 100 * n) - 1)] / 1e6);
        }
        System.out.printf(Locale.ROOT, "lat_mean_ms\t%.4f%nlat_max_ms\t%.4f%n", n == 0 ? 0 : sum / n / 1e6, n == 0 ? 0 : lat[n - 1] / 1e6);
    }

    static final class Result {
        int status;
        long nanos;
    }

    /** One keep-alive connection; reopened (and counted) when the server closes it. */
    static final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        int reconnects;

        Connection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        }

        Connection exchange(byte[] request, String host, int port, Result r) throws IOException {
            long t0 = System.nanoTime();
            out.write(request);
            out.flush();
            int status = statusLine();
            long length = -1;
            boolean chunked = false, close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String l = h.toLowerCase(Locale.ROOT);
                if (l.startsWith("content-length:")) length = Long.parseLong(l.substring(15).trim());
                else if (l.startsWith("transfer-encoding:") && l.contains("chunked")) chunked = true;
                else if (l.startsWith("connection:") && l.contains("close")) close = true;
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) { } // trailers
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("answer without Content-Length or chunked framing: cannot keep the connection");
            }
            long t1 = System.nanoTime();
            if (r != null) {
                r.status = status;
                r.nanos = t1 - t0;
            }
            if (!close) return this;
            close();
            Connection next = new Connection(host, port);
            next.reconnects = reconnects + 1;
            return next;
        }

        private int statusLine() throws IOException {
            String s = line();
            if (s.length() < 12 || !s.startsWith("HTTP/1.")) throw new IOException("not an HTTP/1.x status line: " + s);
            return Integer.parseInt(s.substring(9, 12));
        }

        private final StringBuilder lineBuf = new StringBuilder(256);

        private String line() throws IOException {
            lineBuf.setLength(0);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) throw new IOException("connection closed mid-answer");
                if (b != '\r') lineBuf.append((char) b);
            }
            return lineBuf.toString();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long s = in.skip(n);
                if (s <= 0) {
                    if (in.read() < 0) throw new IOException("connection closed mid-body");
                    s = 1;
                }
                n -= s;
            }
        }

        void close() throws IOException {
            socket.close();
        }
    }
}
