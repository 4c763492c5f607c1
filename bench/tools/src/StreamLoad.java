import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Concurrent SSE load client for the ARouter benchmark. Raw NIO, no dependencies.
 *
 * <p>Phase 1 opens N keep-alive connections (at most --connect-parallel at a time, so no listen
 * backlog overflows). Phase 2 sends one streaming request per connection, spread evenly over
 * --spread-ms, so all N streams are open at once when a stream lasts longer than the spread. Every
 * SSE data line that carries {@code ts=<nanos>} (the mock's emit time) is a content event: its
 * arrival is timestamped. Output: tab-separated "metric value" lines on stdout.
 *
 * <p>Metrics (ms unless named otherwise): ttfb (request written to first content event), hdr
 * (request written to response headers), gap (inter-arrival of consecutive content events of a
 * stream), gapdev (|gap - nominal gap|), transit (arrival - mock emit time; both are
 * CLOCK_MONOTONIC, shared by all processes on the machine).
 *
 * <p>{@code --dump FILE} also writes every content event as "stream event emit_ns arrival_ns", to
 * see when in a run the late events were (docs/BENCHMARKS.md, session 7).
 */
public final class StreamLoad {

    static String host;
    static int port;
    static byte[] request;
    static int n = 500, expectEvents = 50, threads = 2, connectParallel = 64;
    static double gapMs = 20, spreadMs = 250;
    static long timeoutNs = 120_000_000_000L;
    static boolean requireDone = true;
    static String dump;

    static final AtomicInteger INFLIGHT = new AtomicInteger();
    static final AtomicInteger PEAK = new AtomicInteger();
    static final Map<String, LongAdder> ERRORS = new ConcurrentHashMap<>();
    static volatile long t0;

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:18080/v1/chat/completions";
        String body = null;
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--events" -> expectEvents = Integer.parseInt(args[++i]);
                case "--gap-ms" -> gapMs = Double.parseDouble(args[++i]);
                case "--spread-ms" -> spreadMs = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--connect-parallel" -> connectParallel = Integer.parseInt(args[++i]);
                case "--timeout-s" -> timeoutNs = (long) (Double.parseDouble(args[++i]) * 1e9);
                case "--header", "-H" -> headers.add(args[++i]);
                case "--body" -> body = args[++i];
                case "--body-file" -> body = Files.readString(Path.of(args[++i]));
                case "--no-require-done" -> requireDone = false;
                case "--dump" -> dump = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        URI u = URI.create(url);
        host = u.getHost();
        port = u.getPort() < 0 ? 80 : u.getPort();
        String target = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        if (body == null) {
            body = "{\"model\":\"gpt-mock\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Why do lighthouses blink?\"}]}";
        }
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        sb.append("POST ").append(target).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: ")
                .append(bodyBytes.length).append("\r\n");
        for (String h : headers) sb.append(h.trim()).append("\r\n");
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        request = new byte[head.length + bodyBytes.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(bodyBytes, 0, request, head.length, bodyBytes.length);

        threads = Math.max(1, Math.min(threads, n));
        Conn[] all = new Conn[n];
        for (int i = 0; i < n; i++) all[i] = new Conn(i);
        CountDownLatch connected = new CountDownLatch(threads);
        Worker[] ws = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            List<Conn> mine = new ArrayList<>();
            for (int i = t; i < n; i += threads) mine.add(all[i]);
            ws[t] = new Worker(mine, connected, Math.max(1, connectParallel / threads));
        }
        long c0 = System.nanoTime();
        for (Worker w : ws) w.start();
        connected.await();
        long c1 = System.nanoTime();
        t0 = System.nanoTime() + 20_000_000L;
        for (Worker w : ws) w.join();

        // ---- aggregate ----
        int ok = 0;
        long lastEnd = t0;
        long evTotal = 0;
        int gapsCount = 0, evCount = 0;
        for (Conn c : all) {
            evTotal += c.nev;
            if (c.ok) {
                ok++;
                gapsCount += Math.max(0, c.nev - 1);
                evCount += c.nev;
            }
            if (c.tEnd > lastEnd) lastEnd = c.tEnd;
        }
        long[] ttfb = new long[ok], hdr = new long[ok], gaps = new long[gapsCount], gapdev = new long[gapsCount], transit = new long[evCount];
        int a = 0, g = 0, e = 0;
        long nominal = (long) (gapMs * 1e6);
        java.io.PrintWriter events = dump == null ? null
                : new java.io.PrintWriter(Files.newBufferedWriter(Path.of(dump)));
        int stream = 0;
        for (Conn c : all) {
            stream++;
            if (!c.ok) continue;
            if (events != null) {
                for (int i = 0; i < c.nev; i++) events.println(stream + " " + i + " " + c.ts[i] + " " + c.arr[i]);
            }
            ttfb[a] = c.arr[0] - c.tSend;
            hdr[a++] = c.tHead - c.tSend;
            for (int i = 0; i < c.nev; i++) {
                transit[e++] = c.arr[i] - c.ts[i];
                if (i > 0) {
                    long d = c.arr[i] - c.arr[i - 1];
                    gaps[g] = d;
                    gapdev[g++] = Math.abs(d - nominal);
                }
            }
        }
        if (events != null) events.close();
        Map<String, String> out = new TreeMap<>();
        out.put("streams", String.valueOf(n));
        out.put("streams_ok", String.valueOf(ok));
        out.put("errors", String.valueOf(n - ok));
        for (var en : ERRORS.entrySet()) out.put("err_" + en.getKey(), String.valueOf(en.getValue().sum()));
        out.put("peak_inflight", String.valueOf(PEAK.get()));
        out.put("events_total", String.valueOf(evTotal));
        out.put("events_expected", String.valueOf((long) n * expectEvents));
        out.put("connect_s", fmt((c1 - c0) / 1e9));
        out.put("wall_s", fmt((lastEnd - t0) / 1e9));
        pct(out, "ttfb", ttfb);
        pct(out, "hdr", hdr);
        pct(out, "gap", gaps);
        pct(out, "gapdev", gapdev);
        pct(out, "transit", transit);
        for (var en : out.entrySet()) System.out.println(en.getKey() + "\t" + en.getValue());
        System.out.flush();
        System.exit(0);
    }

    static String fmt(double d) {
        return String.format("%.4f", d);
    }

    static void pct(Map<String, String> out, String name, long[] v) {
        if (v.length == 0) return;
        Arrays.sort(v);
        double[] ps = {50, 90, 99, 99.9};
        for (double p : ps) {
            int idx = (int) Math.ceil(p / 100.0 * v.length) - 1;
            idx = Math.max(0, Math.min(v.length - 1, idx));
            out.put(name + "_p" + (p == 99.9 ? "99_9" : String.valueOf((int) p)) + "_ms", fmt(v[idx] / 1e6));
        }
        out.put(name + "_max_ms", fmt(v[v.length - 1] / 1e6));
        double sum = 0;
        for (long x : v) sum += x;
        out.put(name + "_mean_ms", fmt(sum / v.length / 1e6));
    }

    static void error(Conn c, String kind) {
        if (c.finished) return;
        c.finished = true;
        c.ok = false;
        c.tEnd = System.nanoTime();
        if (c.worker != null) c.worker.finished++;
        ERRORS.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (c.sent) INFLIGHT.decrementAndGet();
        if (c.key != null) c.key.cancel();
        try {
            if (c.ch != null) c.ch.close();
        } catch (IOException ignored) {
        }
    }

    static final int ST_NEW = 0, ST_CONNECTING = 1, ST_IDLE = 2, ST_SENDING = 3, ST_HEAD = 4, ST_BODY = 5;
    static final int CH_SIZE = 0, CH_DATA = 1, CH_DATA_CRLF = 2, CH_TRAILER = 3;

    static final class Conn {
        final int idx;
        Worker worker;
        SocketChannel ch;
        SelectionKey key;
        int state = ST_NEW;
        ByteBuffer req;
        boolean sent, finished, ok, sawDone;
        long sendAt, tSend, tHead, tEnd;
        int status;
        // head
        byte[] headBuf = new byte[1024];
        int headLen;
        // body framing
        int framing; // 0 close-delimited, 1 content-length, 2 chunked
        long remaining;
        int chState;
        long chSize;
        byte[] sizeLine = new byte[64];
        int sizeLen;
        // sse lines
        byte[] line = new byte[512];
        int lineLen;
        boolean skipLf;
        long[] arr, ts;
        int nev;

        Conn(int idx) {
            this.idx = idx;
            arr = new long[Math.max(4, expectEvents + 2)];
            ts = new long[arr.length];
        }
    }

    static final class Worker extends Thread {
        final List<Conn> conns;
        final CountDownLatch connected;
        final int parallel;
        final Selector sel;
        final ByteBuffer rbuf = ByteBuffer.allocateDirect(1 << 16);
        final byte[] scratch = new byte[1 << 16];
        int nextConnect, connecting, settled, finished;
        boolean scheduled;
        Conn[] bySend;
        int sendIdx;

        Worker(List<Conn> conns, CountDownLatch connected, int parallel) throws IOException {
            this.conns = conns;
            this.connected = connected;
            this.parallel = parallel;
            this.sel = Selector.open();
            for (Conn c : conns) c.worker = this;
        }

        public void run() {
            try {
                loop();
            } catch (Throwable t) {
                t.printStackTrace();
                for (Conn c : conns) error(c, "client_bug");
            }
        }

        void startConnects() {
            while (connecting < parallel && nextConnect < conns.size()) {
                Conn c = conns.get(nextConnect++);
                try {
                    c.ch = SocketChannel.open();
                    c.ch.configureBlocking(false);
                    c.ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.state = ST_CONNECTING;
                    if (c.ch.connect(new InetSocketAddress(host, port))) {
                        c.state = ST_IDLE;
                        c.key = c.ch.register(sel, SelectionKey.OP_READ, c);
                        settled++;
                    } else {
                        c.key = c.ch.register(sel, SelectionKey.OP_CONNECT, c);
                        connecting++;
                    }
                } catch (IOException e) {
                    error(c, "connect");
                    settled++;
                }
            }
        }

        void loop() throws IOException {
            startConnects();
            boolean latched = false;
            long deadline = Long.MAX_VALUE;
            while (true) {
                if (!latched && settled == conns.size()) {
                    connected.countDown();
                    latched = true;
                }
                if (latched && !scheduled && t0 != 0) {
                    scheduled = true;
                    int total = n;
                    for (Conn c : conns) c.sendAt = t0 + (long) (spreadMs * 1e6 * c.idx / Math.max(1, total));
                    bySend = conns.toArray(new Conn[0]);
                    deadline = t0 + (long) (spreadMs * 1e6) + timeoutNs;
                }
                if (scheduled) {
                    long now = System.nanoTime();
                    while (sendIdx < bySend.length && bySend[sendIdx].sendAt <= now) send(bySend[sendIdx++]);
                    if (finished == conns.size()) return;
                    if (now > deadline) {
                        for (Conn c : conns) if (!c.finished) error(c, "timeout");
                        return;
                    }
                }
                long wait = 10;
                if (scheduled && sendIdx < bySend.length) {
                    long d = bySend[sendIdx].sendAt - System.nanoTime();
                    wait = d <= 0 ? 0 : Math.max(1, d / 1_000_000);
                } else if (latched && !scheduled) {
                    wait = 1;
                }
                if (wait == 0) sel.selectNow();
                else sel.select(wait);
                long now = System.nanoTime();
                Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    Conn c = (Conn) k.attachment();
                    if (!k.isValid() || c.finished) continue;
                    try {
                        if (k.isConnectable()) {
                            c.ch.finishConnect();
                            c.state = ST_IDLE;
                            k.interestOps(SelectionKey.OP_READ);
                            connecting--;
                            settled++;
                            startConnects();
                            continue;
                        }
                        if (k.isWritable()) writeReq(c);
                        if (k.isValid() && k.isReadable()) read(c, now);
                    } catch (IOException e) {
                        if (c.state == ST_CONNECTING) {
                            connecting--;
                            settled++;
                            error(c, "connect");
                            startConnects();
                        } else {
                            error(c, c.state == ST_IDLE ? "closed_before_send" : "io");
                        }
                    }
                }
            }
        }

        void send(Conn c) {
            if (c.finished) return;
            c.sent = true;
            int f = INFLIGHT.incrementAndGet();
            PEAK.accumulateAndGet(f, Math::max);
            c.req = ByteBuffer.wrap(request);
            c.state = ST_SENDING;
            c.tSend = System.nanoTime();
            try {
                writeReq(c);
            } catch (IOException e) {
                error(c, "io");
            }
        }

        void writeReq(Conn c) throws IOException {
            if (c.state != ST_SENDING) return;
            c.ch.write(c.req);
            if (c.req.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                c.state = ST_HEAD;
                c.key.interestOps(SelectionKey.OP_READ);
            }
        }

        void read(Conn c, long now) throws IOException {
            rbuf.clear();
            int r = c.ch.read(rbuf);
            if (r < 0) {
                if (c.state == ST_BODY && c.framing == 0) complete(c, now);
                else error(c, c.state == ST_IDLE ? "closed_before_send" : c.state == ST_HEAD || c.state == ST_SENDING ? "closed_before_response" : "eof_mid_stream");
                return;
            }
            if (r == 0) return;
            rbuf.flip();
            rbuf.get(scratch, 0, r);
            int p = 0;
            if (c.state == ST_IDLE) {
                error(c, "unexpected_data");
                return;
            }
            if (c.state == ST_HEAD || c.state == ST_SENDING) {
                p = head(c, scratch, 0, r, now);
                if (p < 0 || c.finished) return;
            }
            if (c.state == ST_BODY) body(c, scratch, p, r, now);
        }

        /** Accumulate the response head; returns the offset of the first body byte, or -1. */
        int head(Conn c, byte[] b, int off, int len, long now) {
            for (int i = off; i < len; i++) {
                if (c.headLen == c.headBuf.length) {
                    if (c.headLen > 65536) {
                        error(c, "bad_head");
                        return -1;
                    }
                    c.headBuf = Arrays.copyOf(c.headBuf, c.headLen * 2);
                }
                c.headBuf[c.headLen++] = b[i];
                int h = c.headLen;
                if (h >= 4 && c.headBuf[h - 1] == '\n' && c.headBuf[h - 2] == '\r' && c.headBuf[h - 3] == '\n' && c.headBuf[h - 4] == '\r') {
                    String head = new String(c.headBuf, 0, h, StandardCharsets.ISO_8859_1);
                    if (head.startsWith("HTTP/1.1 100") || head.startsWith("HTTP/1.0 100")) {
                        c.headLen = 0;
                        continue;
                    }
                    c.tHead = now;
                    String[] lines = head.split("\r\n");
                    String[] sl = lines[0].split(" ");
                    c.status = sl.length > 1 ? Integer.parseInt(sl[1]) : 0;
                    c.framing = 0;
                    for (int j = 1; j < lines.length; j++) {
                        String l = lines[j].toLowerCase();
                        if (l.startsWith("transfer-encoding:") && l.contains("chunked")) c.framing = 2;
                        else if (l.startsWith("content-length:") && c.framing != 2) {
                            c.framing = 1;
                            c.remaining = Long.parseLong(l.substring(15).trim());
                        }
                    }
                    if (c.status != 200) {
                        error(c, "status_" + c.status);
                        return -1;
                    }
                    c.state = ST_BODY;
                    if (c.framing == 1 && c.remaining == 0) {
                        complete(c, now);
                        return -1;
                    }
                    return i + 1;
                }
            }
            return -1;
        }

        void body(Conn c, byte[] b, int off, int len, long now) {
            if (c.framing == 0) {
                sse(c, b, off, len, now);
                return;
            }
            if (c.framing == 1) {
                int take = (int) Math.min(c.remaining, len - off);
                sse(c, b, off, off + take, now);
                c.remaining -= take;
                if (c.remaining == 0) complete(c, now);
                return;
            }
            int p = off;
            while (p < len && !c.finished) {
                switch (c.chState) {
                    case CH_SIZE, CH_TRAILER -> {
                        byte x = b[p++];
                        if (x == '\n') {
                            int sl = c.sizeLen;
                            if (sl > 0 && c.sizeLine[sl - 1] == '\r') sl--;
                            if (c.chState == CH_TRAILER) {
                                if (sl == 0) {
                                    complete(c, now);
                                    return;
                                }
                                c.sizeLen = 0;
                                continue;
                            }
                            long size = 0;
                            for (int i = 0; i < sl; i++) {
                                int d = Character.digit((char) c.sizeLine[i], 16);
                                if (d < 0) break;
                                size = size * 16 + d;
                            }
                            c.sizeLen = 0;
                            if (size == 0) c.chState = CH_TRAILER;
                            else {
                                c.chSize = size;
                                c.chState = CH_DATA;
                            }
                        } else if (c.sizeLen < c.sizeLine.length) {
                            c.sizeLine[c.sizeLen++] = x;
                        }
                    }
                    case CH_DATA -> {
                        int take = (int) Math.min(c.chSize, len - p);
                        sse(c, b, p, p + take, now);
                        p += take;
                        c.chSize -= take;
                        if (c.chSize == 0) c.chState = CH_DATA_CRLF;
                    }
                    default -> { // CH_DATA_CRLF
                        byte x = b[p++];
                        if (x == '\n') c.chState = CH_SIZE;
                    }
                }
            }
        }

        /** WHATWG-style line splitting (LF, CRLF or CR); only data lines matter here. */
        void sse(Conn c, byte[] b, int from, int to, long now) {
            int i = from;
            while (i < to) {
                if (c.skipLf) {
                    c.skipLf = false;
                    if (b[i] == '\n') {
                        i++;
                        continue;
                    }
                }
                int j = i;
                while (j < to && b[j] != '\n' && b[j] != '\r') j++;
                if (j == to) { // partial line: keep it
                    int add = j - i;
                    if (c.lineLen + add > c.line.length) c.line = Arrays.copyOf(c.line, Math.max(c.line.length * 2, c.lineLen + add));
                    System.arraycopy(b, i, c.line, c.lineLen, add);
                    c.lineLen += add;
                    return;
                }
                c.skipLf = b[j] == '\r';
                if (c.lineLen == 0) {
                    line(c, b, i, j, now);
                } else {
                    int add = j - i;
                    if (c.lineLen + add > c.line.length) c.line = Arrays.copyOf(c.line, Math.max(c.line.length * 2, c.lineLen + add));
                    System.arraycopy(b, i, c.line, c.lineLen, add);
                    c.lineLen += add;
                    line(c, c.line, 0, c.lineLen, now);
                    c.lineLen = 0;
                }
                i = j + 1;
            }
        }

        void line(Conn c, byte[] l, int off, int end, long now) {
            if (end - off < 5 || l[off] != 'd' || l[off + 1] != 'a' || l[off + 2] != 't' || l[off + 3] != 'a' || l[off + 4] != ':') return;
            int t = find(l, off + 5, end, "ts=");
            if (t >= 0) {
                long v = 0;
                int p = t + 3;
                while (p < end && l[p] >= '0' && l[p] <= '9') v = v * 10 + (l[p++] - '0');
                if (c.nev == c.arr.length) {
                    c.arr = Arrays.copyOf(c.arr, c.arr.length * 2);
                    c.ts = Arrays.copyOf(c.ts, c.ts.length * 2);
                }
                c.arr[c.nev] = now;
                c.ts[c.nev++] = v;
                if (find(l, p, end, "\"finishReason\"") >= 0) c.sawDone = true;
            } else if (find(l, off + 5, end, "[DONE]") >= 0 || find(l, off + 5, end, "\"message_stop\"") >= 0
                    || find(l, off + 5, end, "\"finishReason\"") >= 0) {
                c.sawDone = true;
            }
        }

        static int find(byte[] b, int from, int to, String s) {
            int m = s.length();
            outer:
            for (int i = from; i <= to - m; i++) {
                for (int j = 0; j < m; j++) if (b[i + j] != s.charAt(j)) continue outer;
                return i;
            }
            return -1;
        }

        void complete(Conn c, long now) {
            if (c.finished) return;
            if (c.lineLen > 0) line(c, c.line, 0, c.lineLen, now);
            if (c.nev < expectEvents) {
                error(c, "incomplete_events");
                return;
            }
            if (requireDone && !c.sawDone) {
                error(c, "no_done_marker");
                return;
            }
            c.finished = true;
            c.ok = true;
            c.tEnd = now;
            finished++;
            INFLIGHT.decrementAndGet();
            c.key.cancel();
            try {
                c.ch.close();
            } catch (IOException ignored) {
            }
        }
    }
}
