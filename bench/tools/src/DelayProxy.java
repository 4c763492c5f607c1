import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TCP proxy that adds a fixed latency to every chunk of data sent from the client to the server
 * (default 50 ms), preserving order and without limiting throughput. Put in front of PostgreSQL it
 * makes every database round trip at least that slow: a "slow usage database".
 *
 * <p>Usage: {@code java DelayProxy --listen 15433 --target 127.0.0.1:5432 --delay-ms 50 [--both]}
 * ({@code --both} also delays server-to-client data by the same amount).
 */
public final class DelayProxy {

    static final AtomicLong CONNS = new AtomicLong();

    record Chunk(byte[] data, long due) {
    }

    public static void main(String[] args) throws Exception {
        int listen = 15433;
        String target = "127.0.0.1:5432";
        long delayNs = 50_000_000L;
        boolean both = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--listen" -> listen = Integer.parseInt(args[++i]);
                case "--target" -> target = args[++i];
                case "--delay-ms" -> delayNs = (long) (Double.parseDouble(args[++i]) * 1e6);
                case "--both" -> both = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String th = target.substring(0, target.lastIndexOf(':'));
        int tp = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        ServerSocket ss = new ServerSocket(listen, 1024, InetAddress.getByName("127.0.0.1"));
        System.out.println("delay proxy 127.0.0.1:" + listen + " -> " + target + " delay " + delayNs / 1e6 + " ms" + (both ? " both ways" : " client->server"));
        final long d = delayNs;
        final boolean b = both;
        while (true) {
            Socket c = ss.accept();
            Thread.ofVirtual().start(() -> {
                try {
                    Socket s = new Socket();
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress(th, tp));
                    c.setTcpNoDelay(true);
                    CONNS.incrementAndGet();
                    pipe(c, s, d);
                    pipe(s, c, b ? d : 0);
                } catch (IOException e) {
                    close(c);
                }
            });
        }
    }

    static void pipe(Socket from, Socket to, long delayNs) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        LinkedBlockingQueue<Chunk> q = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[65536];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    q.put(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + delayNs));
                }
            } catch (Exception ignored) {
            }
            q.add(new Chunk(null, System.nanoTime() + delayNs));
        });
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Chunk ch = q.take();
                    long wait = ch.due() - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    if (ch.data() == null) break;
                    out.write(ch.data());
                    out.flush();
                }
            } catch (Exception ignored) {
            }
            close(from);
            close(to);
        });
    }

    static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
        }
    }
}
