import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Mock LLM upstream for the ARouter benchmark. Raw NIO, no dependencies, one event loop per
 * thread (SO_REUSEPORT), HTTP/1.1 keep-alive, so that it is never the bottleneck.
 *
 * <p>Endpoints:
 * <ul>
 *   <li>{@code POST .../chat/completions} OpenAI JSON, or SSE when the body has {@code "stream":true}
 *       (final usage chunk when {@code "include_usage":true}, then {@code data: [DONE]}).</li>
 *   <li>{@code POST .../messages} Anthropic JSON or SSE.</li>
 *   <li>{@code POST .../models/M:generateContent} and {@code :streamGenerateContent?alt=sse}
 *       Gemini JSON or SSE (CRLF framing).</li>
 *   <li>{@code GET .../models} OpenAI model list.</li>
 *   <li>{@code GET /__mock/config?events=&gap_ms=&latency_ms=} set the defaults; {@code GET
 *       /__mock/stats} counters; {@code GET /__mock/reset} resets them; {@code GET /__mock/health}.</li>
 * </ul>
 *
 * <p>Per-request knobs (header, else query parameter, else the defaults): {@code x-mock-latency-ms}
 * / {@code mock_latency_ms} (delay before the response starts), {@code x-mock-events} /
 * {@code mock_events} (content events per stream), {@code x-mock-gap-ms} / {@code mock_gap_ms}
 * (gap between events), {@code x-mock-status} / {@code mock_status} (answer with this error status).
 *
 * <p>Every streamed content event carries the text {@code ts=<System.nanoTime()>} of the moment the
 * mock wrote it. nanoTime is CLOCK_MONOTONIC on Linux, shared by all processes of the machine, so
 * the load client can compute each event's transit time through a gateway.
 */
public final class Mock {

    static volatile int defEvents = 50;
    static volatile int defGapMs = 20;
    static volatile int defLatencyMs = 0;

    static final LongAdder REQUESTS = new LongAdder();
    static final LongAdder STREAMS = new LongAdder();
    static final LongAdder EVENTS = new LongAdder();
    static final LongAdder ABORTED = new LongAdder();
    static final AtomicInteger ACTIVE = new AtomicInteger();
    static final AtomicInteger PEAK_ACTIVE = new AtomicInteger();
    static final AtomicInteger CONNS = new AtomicInteger();
    static final AtomicInteger PEAK_CONNS = new AtomicInteger();

    static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    // ---- canned bodies (shapes from shared/wire/fixtures, content invented) ----
    static final String TEXT = "Each lighthouse blinks its own rhythm so navigators can tell one light from the next after dark. That rhythm, called the light's characteristic, is printed on every nautical chart.";
    static final String OPENAI_JSON = "{\"id\":\"chatcmpl-mock0000000000000000000000\",\"object\":\"chat.completion\",\"created\":1741952311,\"model\":\"gpt-mock\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + TEXT + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":38,\"completion_tokens\":33,\"total_tokens\":71,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
            + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock\"}";
    static final String ANTHROPIC_JSON = "{\"id\":\"msg_mock0000000000000000000\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-mock\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":41,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":36,\"service_tier\":\"standard\"}}";
    static final String GEMINI_JSON = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + TEXT + "\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":27,\"candidatesTokenCount\":33,\"totalTokenCount\":60},\"modelVersion\":\"gemini-mock\",\"responseId\":\"mock000000000000000000\"}";
    static final String MODELS_JSON = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-mock\",\"object\":\"model\",\"created\":1741952311,\"owned_by\":\"mock\"}]}";

    static final ByteBuffer OPENAI_RESP = direct(jsonResponse(200, OPENAI_JSON));
    static final ByteBuffer ANTHROPIC_RESP = direct(jsonResponse(200, ANTHROPIC_JSON));
    static final ByteBuffer GEMINI_RESP = direct(jsonResponse(200, GEMINI_JSON));
    static final byte[] SSE_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            + "x-request-id: mock\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    static final byte[] JSONARRAY_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    static final int OPENAI = 1, ANTHROPIC = 2, GEMINI = 3;

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 18080;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--events" -> defEvents = Integer.parseInt(args[++i]);
                case "--gap-ms" -> defGapMs = Integer.parseInt(args[++i]);
                case "--latency-ms" -> defLatencyMs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (int i = 0; i < threads; i++) {
            ServerSocketChannel ssc = ServerSocketChannel.open();
            ssc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ssc.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            ssc.bind(new InetSocketAddress(host, port), 8192);
            ssc.configureBlocking(false);
            Thread t = new Thread(new Loop(ssc), "mock-loop-" + i);
            t.start();
        }
        System.out.println("mock listening on " + host + ":" + port + " threads=" + threads);
    }

    static ByteBuffer direct(byte[] b) {
        ByteBuffer bb = ByteBuffer.allocateDirect(b.length);
        bb.put(b).flip();
        return bb.asReadOnlyBuffer();
    }

    static byte[] jsonResponse(int status, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String h = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\nx-request-id: mock\r\nContent-Length: "
                + b.length + "\r\n\r\n";
        byte[] hb = h.getBytes(StandardCharsets.US_ASCII);
        byte[] r = new byte[hb.length + b.length];
        System.arraycopy(hb, 0, r, 0, hb.length);
        System.arraycopy(b, 0, r, hb.length, b.length);
        return r;
    }

    static String reason(int s) {
        return switch (s) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    static String errorBody(int family, int status) {
        return switch (family) {
            case ANTHROPIC -> "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"mock error " + status + "\"}}";
            case GEMINI -> "{\"error\":{\"code\":" + status + ",\"message\":\"mock error\",\"status\":\"INTERNAL\"}}";
            default -> "{\"error\":{\"message\":\"mock error " + status + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
        };
    }

    /** One parsed request. */
    static final class Req {
        String method, path, query;
        boolean close, expectContinue;
        String hLatency, hEvents, hGap, hStatus;
        byte[] body;
        int bodyOff, bodyLen;
    }

    /** A pending timed action on a connection. */
    static final class Task implements Comparable<Task> {
        final long deadline;
        final long seq;
        final Conn c;
        final Stream s; // null: delayed plain response
        final ByteBuffer plain;

        Task(long deadline, long seq, Conn c, Stream s, ByteBuffer plain) {
            this.deadline = deadline;
            this.seq = seq;
            this.c = c;
            this.s = s;
            this.plain = plain;
        }

        public int compareTo(Task o) {
            int r = Long.compare(deadline, o.deadline);
            return r != 0 ? r : Long.compare(seq, o.seq);
        }
    }

    /** A streaming response in progress. */
    static final class Stream {
        int family;
        boolean sse = true;    // gemini without alt=sse: JSON array
        boolean usage;
        int events, next;
        long t0, gapNs;
        boolean active;
    }

    static final class Conn {
        final SocketChannel ch;
        SelectionKey key;
        byte[] in = new byte[8192];
        int rpos, wpos;
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        boolean busy, closeAfter, closed;
        Stream stream;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }
    }

    static final class Loop implements Runnable {
        final ServerSocketChannel ssc;
        final Selector sel;
        final PriorityQueue<Task> timers = new PriorityQueue<>();
        long seq;

        Loop(ServerSocketChannel ssc) throws IOException {
            this.ssc = ssc;
            this.sel = Selector.open();
            ssc.register(sel, SelectionKey.OP_ACCEPT);
        }

        public void run() {
            while (true) {
                try {
                    long timeout = -1;
                    Task first = timers.peek();
                    if (first != null) {
                        long d = first.deadline - System.nanoTime();
                        timeout = d <= 0 ? 0 : Math.max(1, (d + 999_999) / 1_000_000);
                    }
                    if (timeout < 0) sel.select();
                    else if (timeout == 0) sel.selectNow();
                    else sel.select(timeout);
                    Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        if (!k.isValid()) continue;
                        if (k.isAcceptable()) accept();
                        else {
                            Conn c = (Conn) k.attachment();
                            try {
                                if (k.isWritable()) onWritable(c);
                                if (!c.closed && k.isReadable()) onReadable(c);
                            } catch (IOException e) {
                                close(c);
                            }
                        }
                    }
                    runTimers();
                } catch (Throwable t) {
                    t.printStackTrace();
                }
            }
        }

        void accept() throws IOException {
            SocketChannel ch;
            while ((ch = ssc.accept()) != null) {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Conn c = new Conn(ch);
                c.key = ch.register(sel, SelectionKey.OP_READ, c);
                int n = CONNS.incrementAndGet();
                PEAK_CONNS.accumulateAndGet(n, Math::max);
            }
        }

        void close(Conn c) {
            if (c.closed) return;
            c.closed = true;
            CONNS.decrementAndGet();
            if (c.stream != null && c.stream.active) {
                c.stream.active = false;
                ACTIVE.decrementAndGet();
                ABORTED.increment();
            }
            c.key.cancel();
            try {
                c.ch.close();
            } catch (IOException ignored) {
            }
        }

        void runTimers() {
            long now = System.nanoTime();
            Task t;
            while ((t = timers.peek()) != null && t.deadline <= now) {
                timers.poll();
                Conn c = t.c;
                if (c.closed) continue;
                try {
                    if (t.s == null) {
                        write(c, t.plain);
                        finishResponse(c);
                    } else {
                        streamStep(c, t.s);
                    }
                } catch (IOException e) {
                    close(c);
                }
            }
        }

        void schedule(long deadline, Conn c, Stream s, ByteBuffer plain) {
            timers.add(new Task(deadline, seq++, c, s, plain));
        }

        void onReadable(Conn c) throws IOException {
            if (c.wpos == c.in.length) {
                if (c.rpos > 0) {
                    System.arraycopy(c.in, c.rpos, c.in, 0, c.wpos - c.rpos);
                    c.wpos -= c.rpos;
                    c.rpos = 0;
                } else {
                    if (c.in.length >= 64 << 20) {
                        close(c);
                        return;
                    }
                    byte[] n = new byte[c.in.length * 2];
                    System.arraycopy(c.in, 0, n, 0, c.wpos);
                    c.in = n;
                }
            }
            int n = c.ch.read(ByteBuffer.wrap(c.in, c.wpos, c.in.length - c.wpos));
            if (n < 0) {
                close(c);
                return;
            }
            c.wpos += n;
            if (!c.busy) processInput(c);
        }

        void onWritable(Conn c) throws IOException {
            flush(c);
            if (c.out.isEmpty()) {
                c.key.interestOps(SelectionKey.OP_READ);
                if (!c.busy) {
                    if (c.closeAfter) close(c);
                    else processInput(c);
                }
            }
        }

        void write(Conn c, ByteBuffer bb) throws IOException {
            if (c.out.isEmpty()) {
                c.ch.write(bb);
                if (!bb.hasRemaining()) return;
                c.out.add(bb);
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                c.out.add(bb);
            }
        }

        void flush(Conn c) throws IOException {
            ByteBuffer bb;
            while ((bb = c.out.peek()) != null) {
                c.ch.write(bb);
                if (bb.hasRemaining()) return;
                c.out.poll();
            }
        }

        void finishResponse(Conn c) throws IOException {
            c.busy = false;
            if (c.closeAfter) {
                if (c.out.isEmpty()) close(c);
                return;
            }
            if (c.out.isEmpty() && c.rpos < c.wpos) processInput(c);
        }

        /** Parse and answer as many complete requests as are buffered (pipelining). */
        void processInput(Conn c) throws IOException {
            while (!c.busy && !c.closed && c.rpos < c.wpos) {
                Req r = new Req();
                int end = parse(c, r);
                if (end < 0) {
                    if (end == -2) {
                        write(c, ByteBuffer.wrap(jsonResponse(400, errorBody(OPENAI, 400))));
                        c.closeAfter = true;
                        c.busy = false;
                        if (c.out.isEmpty()) close(c);
                    }
                    break;
                }
                c.rpos = end;
                if (c.rpos == c.wpos) {
                    c.rpos = 0;
                    c.wpos = 0;
                }
                if (r.close) c.closeAfter = true;
                handle(c, r);
            }
        }

        /** @return index after the request, -1 if incomplete, -2 if malformed */
        static int parse(Conn c, Req r) {
            byte[] b = c.in;
            int p = c.rpos, lim = c.wpos;
            // skip stray CRLF between requests
            while (p < lim && (b[p] == '\r' || b[p] == '\n')) p++;
            int he = indexOf(b, p, lim, (byte) '\r', (byte) '\n', (byte) '\r', (byte) '\n');
            if (he < 0) return lim - p > 65536 ? -2 : -1;
            int le = indexOfCrlf(b, p, he + 2);
            int sp1 = indexOfByte(b, p, le, (byte) ' ');
            int sp2 = sp1 < 0 ? -1 : indexOfByte(b, sp1 + 1, le, (byte) ' ');
            if (sp1 < 0 || sp2 < 0) return -2;
            r.method = new String(b, p, sp1 - p, StandardCharsets.US_ASCII);
            String target = new String(b, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.US_ASCII);
            int q = target.indexOf('?');
            r.path = q < 0 ? target : target.substring(0, q);
            r.query = q < 0 ? "" : target.substring(q + 1);
            boolean http10 = b[sp2 + 8] == '0'; // "HTTP/1.0"
            long cl = 0;
            boolean chunked = false, keepAlive = false;
            int hp = le + 2;
            while (hp < he + 2) {
                int e = indexOfCrlf(b, hp, he + 4);
                int colon = indexOfByte(b, hp, e, (byte) ':');
                if (colon > hp) {
                    int nlen = colon - hp;
                    int vs = colon + 1;
                    while (vs < e && (b[vs] == ' ' || b[vs] == '\t')) vs++;
                    int ve = e;
                    while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) ve--;
                    char f = (char) (b[hp] | 0x20);
                    if (f == 'c' && nlen == 14 && eqIgnoreCase(b, hp, "content-length")) {
                        cl = parseLong(b, vs, ve);
                        if (cl < 0) return -2;
                    } else if (f == 't' && nlen == 17 && eqIgnoreCase(b, hp, "transfer-encoding")) {
                        chunked = containsIgnoreCase(b, vs, ve, "chunked");
                    } else if (f == 'c' && nlen == 10 && eqIgnoreCase(b, hp, "connection")) {
                        if (containsIgnoreCase(b, vs, ve, "close")) r.close = true;
                        if (containsIgnoreCase(b, vs, ve, "keep-alive")) keepAlive = true;
                    } else if (f == 'e' && nlen == 6 && eqIgnoreCase(b, hp, "expect")) {
                        r.expectContinue = containsIgnoreCase(b, vs, ve, "100-continue");
                    } else if (f == 'x' && nlen > 7 && eqIgnoreCase(b, hp, "x-mock-")) {
                        String name = new String(b, hp, nlen, StandardCharsets.US_ASCII).toLowerCase();
                        String v = new String(b, vs, ve - vs, StandardCharsets.US_ASCII);
                        switch (name) {
                            case "x-mock-latency-ms" -> r.hLatency = v;
                            case "x-mock-events" -> r.hEvents = v;
                            case "x-mock-gap-ms" -> r.hGap = v;
                            case "x-mock-status" -> r.hStatus = v;
                            default -> { }
                        }
                    }
                }
                hp = e + 2;
            }
            if (http10 && !keepAlive) r.close = true;
            int bs = he + 4;
            if (chunked) {
                // decode chunked body; all of it must be buffered
                byte[] body = new byte[256];
                int blen = 0;
                int cp = bs;
                while (true) {
                    int e = indexOfCrlf(b, cp, lim);
                    if (e < 0) return -1;
                    int semi = indexOfByte(b, cp, e, (byte) ';');
                    long sz = parseHex(b, cp, semi < 0 ? e : semi);
                    if (sz < 0) return -2;
                    cp = e + 2;
                    if (sz == 0) {
                        // trailers until empty line
                        while (true) {
                            int te = indexOfCrlf(b, cp, lim);
                            if (te < 0) return -1;
                            boolean empty = te == cp;
                            cp = te + 2;
                            if (empty) break;
                        }
                        r.body = body;
                        r.bodyOff = 0;
                        r.bodyLen = blen;
                        return cp;
                    }
                    if (cp + sz + 2 > lim) {
                        if (r.expectContinue && cp == bs) return -1;
                        return -1;
                    }
                    if (blen + sz > body.length) {
                        byte[] nb = new byte[(int) Math.max(body.length * 2L, blen + sz)];
                        System.arraycopy(body, 0, nb, 0, blen);
                        body = nb;
                    }
                    System.arraycopy(b, cp, body, blen, (int) sz);
                    blen += (int) sz;
                    cp += (int) sz + 2;
                }
            }
            if (bs + cl > lim) {
                if (cl > (64 << 20)) return -2;
                return -1;
            }
            r.body = b;
            r.bodyOff = bs;
            r.bodyLen = (int) cl;
            return (int) (bs + cl);
        }

        void handle(Conn c, Req r) throws IOException {
            REQUESTS.increment();
            String path = r.path;
            if (path.startsWith("/__mock/")) {
                control(c, r);
                return;
            }
            int family;
            boolean stream;
            boolean gemSse = true;
            if (path.endsWith("/chat/completions")) {
                family = OPENAI;
                stream = jsonTrue(r, "\"stream\"");
            } else if (path.endsWith("/messages")) {
                family = ANTHROPIC;
                stream = jsonTrue(r, "\"stream\"");
            } else if (path.endsWith(":generateContent")) {
                family = GEMINI;
                stream = false;
            } else if (path.endsWith(":streamGenerateContent")) {
                family = GEMINI;
                stream = true;
                gemSse = r.query.contains("alt=sse");
            } else if (path.endsWith("/models") && r.method.equals("GET")) {
                write(c, ByteBuffer.wrap(jsonResponse(200, MODELS_JSON)));
                finishResponse(c);
                return;
            } else {
                write(c, ByteBuffer.wrap(jsonResponse(404, "{\"error\":{\"message\":\"mock: no route for " + esc(path) + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")));
                finishResponse(c);
                return;
            }
            if (r.expectContinue) write(c, ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            int latency = knob(r.hLatency, r.query, "mock_latency_ms", defLatencyMs);
            int status = knob(r.hStatus, r.query, "mock_status", 200);
            c.busy = true;
            long now = System.nanoTime();
            if (status != 200) {
                ByteBuffer bb = ByteBuffer.wrap(jsonResponse(status, errorBody(family, status)));
                if (latency > 0) schedule(now + latency * 1_000_000L, c, null, bb);
                else {
                    write(c, bb);
                    finishResponse(c);
                }
                return;
            }
            if (!stream) {
                ByteBuffer bb = (family == OPENAI ? OPENAI_RESP : family == ANTHROPIC ? ANTHROPIC_RESP : GEMINI_RESP).duplicate();
                if (latency > 0) schedule(now + latency * 1_000_000L, c, null, bb);
                else {
                    write(c, bb);
                    finishResponse(c);
                }
                return;
            }
            Stream s = new Stream();
            s.family = family;
            s.sse = gemSse;
            s.usage = family == OPENAI && jsonTrue(r, "\"include_usage\"");
            s.events = Math.max(1, knob(r.hEvents, r.query, "mock_events", defEvents));
            s.gapNs = Math.max(0, knob(r.hGap, r.query, "mock_gap_ms", defGapMs)) * 1_000_000L;
            s.t0 = now + latency * 1_000_000L;
            s.active = true;
            c.stream = s;
            STREAMS.increment();
            int a = ACTIVE.incrementAndGet();
            PEAK_ACTIVE.accumulateAndGet(a, Math::max);
            if (latency > 0) schedule(s.t0, c, s, null);
            else streamStep(c, s);
        }

        final byte[] scratch = new byte[1 << 16];
        final byte[] payload = new byte[1 << 14];
        final ByteBuffer directOut = ByteBuffer.allocateDirect(1 << 16);

        /**
         * Write the next event of a stream, plus any later events that are already due (catch-up
         * when the loop ran late, as a real server would coalesce), and schedule the one after.
         */
        void streamStep(Conn c, Stream s) throws IOException {
            if (!s.active) return;
            long now = System.nanoTime();
            int len = 0;
            boolean last;
            do {
                int i = s.next++;
                boolean first = i == 0;
                last = i == s.events - 1;
                if (first) {
                    byte[] head = s.family == GEMINI && !s.sse ? JSONARRAY_HEAD : SSE_HEAD;
                    System.arraycopy(head, 0, scratch, len, head.length);
                    len += head.length;
                }
                int plen = eventPayload(s, i, first, last, now);
                len = putChunk(scratch, len, payload, plen);
                EVENTS.increment();
            } while (!last && s.t0 + s.next * s.gapNs <= now && len < scratch.length - payload.length - 16);
            if (last) {
                byte[] end = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(end, 0, scratch, len, end.length);
                len += end.length;
            }
            writeBytes(c, scratch, len);
            if (last) {
                s.active = false;
                ACTIVE.decrementAndGet();
                c.stream = null;
                finishResponse(c);
            } else {
                schedule(s.t0 + s.next * s.gapNs, c, s, null);
            }
        }

        static int putChunk(byte[] dst, int pos, byte[] src, int n) {
            String hex = Integer.toHexString(n);
            for (int k = 0; k < hex.length(); k++) dst[pos++] = (byte) hex.charAt(k);
            dst[pos++] = '\r';
            dst[pos++] = '\n';
            System.arraycopy(src, 0, dst, pos, n);
            pos += n;
            dst[pos++] = '\r';
            dst[pos++] = '\n';
            return pos;
        }

        void writeBytes(Conn c, byte[] b, int len) throws IOException {
            if (!c.out.isEmpty()) {
                c.out.add(ByteBuffer.wrap(java.util.Arrays.copyOf(b, len)));
                return;
            }
            directOut.clear();
            directOut.put(b, 0, len).flip();
            c.ch.write(directOut);
            if (directOut.hasRemaining()) {
                byte[] rest = new byte[directOut.remaining()];
                directOut.get(rest);
                c.out.add(ByteBuffer.wrap(rest));
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        static final byte[] OA_PRE = ("data: {\"id\":\"chatcmpl-mock0000000000000000000000\",\"object\":\"chat.completion.chunk\",\"created\":1741952318,"
                + "\"model\":\"gpt-mock\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ts=")
                .getBytes(StandardCharsets.US_ASCII);
        static final byte[] OA_SUF = " \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n".getBytes(StandardCharsets.US_ASCII);
        static final byte[] OA_SUF_U = " \"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n".getBytes(StandardCharsets.US_ASCII);
        static final byte[] AN_PRE = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ts="
                .getBytes(StandardCharsets.US_ASCII);
        static final byte[] AN_SUF = " \"}}\n\n".getBytes(StandardCharsets.US_ASCII);
        static final byte[] TOK = " tok".getBytes(StandardCharsets.US_ASCII);

        /** Fills {@link #payload} with event i; returns its length. */
        int eventPayload(Stream s, int i, boolean first, boolean last, long ts) {
            if (!first && !last && (s.family == OPENAI || s.family == ANTHROPIC)) {
                byte[] pre = s.family == OPENAI ? OA_PRE : AN_PRE;
                byte[] suf = s.family == OPENAI ? (s.usage ? OA_SUF_U : OA_SUF) : AN_SUF;
                int p = 0;
                System.arraycopy(pre, 0, payload, p, pre.length);
                p += pre.length;
                p = putLong(payload, p, ts);
                System.arraycopy(TOK, 0, payload, p, TOK.length);
                p += TOK.length;
                p = putLong(payload, p, i);
                System.arraycopy(suf, 0, payload, p, suf.length);
                return p + suf.length;
            }
            StringBuilder sb = new StringBuilder(1024);
            switch (s.family) {
                case OPENAI -> openaiEvent(sb, i, first, last, s, ts);
                case ANTHROPIC -> anthropicEvent(sb, i, first, last, s, ts);
                default -> geminiEvent(sb, i, first, last, s, ts);
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, payload, 0, b.length);
            return b.length;
        }

        static int putLong(byte[] b, int p, long v) {
            if (v == 0) {
                b[p++] = '0';
                return p;
            }
            int start = p;
            while (v > 0) {
                b[p++] = (byte) ('0' + (v % 10));
                v /= 10;
            }
            for (int x = start, y = p - 1; x < y; x++, y--) {
                byte t = b[x];
                b[x] = b[y];
                b[y] = t;
            }
            return p;
        }

        static void openaiEvent(StringBuilder sb, int i, boolean first, boolean last, Stream s, long ts) {
            String pre = "data: {\"id\":\"chatcmpl-mock0000000000000000000000\",\"object\":\"chat.completion.chunk\",\"created\":1741952318,\"model\":\"gpt-mock\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock\",\"choices\":[";
            sb.append(pre).append("{\"index\":0,\"delta\":{");
            if (first) sb.append("\"role\":\"assistant\",");
            sb.append("\"content\":\"ts=").append(ts).append(" tok").append(i).append(" \"},\"logprobs\":null,\"finish_reason\":null}]");
            sb.append(s.usage ? ",\"usage\":null}\n\n" : "}\n\n");
            if (last) {
                sb.append(pre).append("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]").append(s.usage ? ",\"usage\":null}\n\n" : "}\n\n");
                if (s.usage) {
                    sb.append(pre).append("],\"usage\":{\"prompt_tokens\":38,\"completion_tokens\":").append(s.events)
                            .append(",\"total_tokens\":").append(38 + s.events)
                            .append(",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n");
                }
                sb.append("data: [DONE]\n\n");
            }
        }

        static void anthropicEvent(StringBuilder sb, int i, boolean first, boolean last, Stream s, long ts) {
            if (first) {
                sb.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_mock0000000000000000000\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-mock\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":41,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1,\"service_tier\":\"standard\"}}}\n\n");
                sb.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
                sb.append("event: ping\ndata: {\"type\": \"ping\"}\n\n");
            }
            sb.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ts=")
                    .append(ts).append(" tok").append(i).append(" \"}}\n\n");
            if (last) {
                sb.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
                sb.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":")
                        .append(s.events).append("}}\n\n");
                sb.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
            }
        }

        static void geminiEvent(StringBuilder sb, int i, boolean first, boolean last, Stream s, long ts) {
            if (s.sse) sb.append("data: ");
            else sb.append(first ? "[" : ",\r\n");
            sb.append("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"ts=").append(ts).append(" tok").append(i)
                    .append(" \"}],\"role\":\"model\"},");
            if (last) sb.append("\"finishReason\":\"STOP\",");
            sb.append("\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":27,\"candidatesTokenCount\":").append(i + 1)
                    .append(",\"totalTokenCount\":").append(28 + i).append("},\"modelVersion\":\"gemini-mock\",\"responseId\":\"mock000000000000000000\"}");
            if (s.sse) sb.append("\r\n\r\n");
            else if (last) sb.append("]");
        }

        void control(Conn c, Req r) throws IOException {
            String body;
            switch (r.path) {
                case "/__mock/config" -> {
                    defEvents = queryInt(r.query, "events", defEvents);
                    defGapMs = queryInt(r.query, "gap_ms", defGapMs);
                    defLatencyMs = queryInt(r.query, "latency_ms", defLatencyMs);
                    body = "{\"events\":" + defEvents + ",\"gap_ms\":" + defGapMs + ",\"latency_ms\":" + defLatencyMs + "}";
                }
                case "/__mock/reset" -> {
                    REQUESTS.reset();
                    STREAMS.reset();
                    EVENTS.reset();
                    ABORTED.reset();
                    PEAK_ACTIVE.set(ACTIVE.get());
                    PEAK_CONNS.set(CONNS.get());
                    body = "{\"reset\":true}";
                }
                case "/__mock/stats" -> body = "{\"requests\":" + REQUESTS.sum() + ",\"streams\":" + STREAMS.sum() + ",\"events\":" + EVENTS.sum()
                        + ",\"aborted_streams\":" + ABORTED.sum() + ",\"active_streams\":" + ACTIVE.get() + ",\"peak_active_streams\":" + PEAK_ACTIVE.get()
                        + ",\"connections\":" + CONNS.get() + ",\"peak_connections\":" + PEAK_CONNS.get() + "}";
                case "/__mock/health" -> body = "{\"ok\":true}";
                default -> body = null;
            }
            write(c, ByteBuffer.wrap(body == null ? jsonResponse(404, "{\"error\":\"unknown control path\"}") : jsonResponse(200, body)));
            finishResponse(c);
        }
    }

    // ---- small helpers ----

    static int knob(String header, String query, String param, int def) {
        try {
            if (header != null) return Integer.parseInt(header.trim());
        } catch (NumberFormatException ignored) {
        }
        return queryInt(query, param, def);
    }

    static int queryInt(String query, String name, int def) {
        if (query == null || query.isEmpty()) return def;
        for (String kv : query.split("&")) {
            int e = kv.indexOf('=');
            if (e > 0 && kv.substring(0, e).equals(name)) {
                try {
                    return Integer.parseInt(kv.substring(e + 1));
                } catch (NumberFormatException ex) {
                    return def;
                }
            }
        }
        return def;
    }

    /** True if the body contains {@code key} followed by optional whitespace, ':' and {@code true}. */
    static boolean jsonTrue(Req r, String key) {
        byte[] b = r.body;
        if (b == null) return false;
        int end = r.bodyOff + r.bodyLen;
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = r.bodyOff; i <= end - k.length; i++) {
            for (int j = 0; j < k.length; j++) if (b[i + j] != k[j]) continue outer;
            int p = i + k.length;
            while (p < end && isWs(b[p])) p++;
            if (p >= end || b[p] != ':') continue;
            p++;
            while (p < end && isWs(b[p])) p++;
            if (p + 4 <= end && b[p] == 't' && b[p + 1] == 'r' && b[p + 2] == 'u' && b[p + 3] == 'e') return true;
        }
        return false;
    }

    static boolean isWs(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static int indexOf(byte[] b, int from, int lim, byte a0, byte a1, byte a2, byte a3) {
        for (int i = from; i + 3 < lim; i++) {
            if (b[i] == a0 && b[i + 1] == a1 && b[i + 2] == a2 && b[i + 3] == a3) return i;
        }
        return -1;
    }

    static int indexOfCrlf(byte[] b, int from, int lim) {
        for (int i = from; i + 1 < lim; i++) if (b[i] == '\r' && b[i + 1] == '\n') return i;
        return -1;
    }

    static int indexOfByte(byte[] b, int from, int lim, byte x) {
        for (int i = from; i < lim; i++) if (b[i] == x) return i;
        return -1;
    }

    static boolean eqIgnoreCase(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.toLowerCase((char) b[off + i]) != s.charAt(i)) return false;
        }
        return true;
    }

    static boolean containsIgnoreCase(byte[] b, int from, int to, String s) {
        outer:
        for (int i = from; i <= to - s.length(); i++) {
            for (int j = 0; j < s.length(); j++) if (Character.toLowerCase((char) b[i + j]) != s.charAt(j)) continue outer;
            return true;
        }
        return false;
    }

    static long parseLong(byte[] b, int from, int to) {
        if (from >= to) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    static long parseHex(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) to--;
        if (from >= to) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit((char) b[i], 16);
            if (d < 0) return -1;
            v = v * 16 + d;
            if (v > (64 << 20)) return -1;
        }
        return v;
    }
}
