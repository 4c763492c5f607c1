import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How fast this machine runs the kind of Java the gateway runs, right now: one thread scans an
 * OpenAI stream chunk for its JSON strings, keys them into a map and copies the bytes, over and
 * over, and prints the median time of one pass (ns) over short slices.
 *
 * <p>Why: the machine the benchmark runs on is shared with other virtual machines; on some days
 * the same code runs at half or a third of its usual speed (session 8: the JMH chunk benchmark at
 * 347–550 instead of 185 ns), which {@code foreign_cpu_pct} cannot see because the load is outside
 * this machine. Each run records this figure before and after, so runs from different days can be
 * told apart from changes in the code: compare a run's figures only with runs of similar speed.
 *
 * <p>Usage: {@code CpuSpeed [seconds]} (default 3: 1 s warm-up, then 20 slices).
 */
public final class CpuSpeed {

    static final byte[] CHUNK = ("{\"id\":\"chatcmpl-mock0000000000000000000000\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1741952318,\"model\":\"gpt-5.4\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Each lighthouse blinks its own rhythm \"},"
            + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}").getBytes(StandardCharsets.UTF_8);

    static long sink;

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        long warmupNanos = (long) (seconds / 3 * 1e9);
        int slices = 20;
        long sliceNanos = (long) ((seconds - seconds / 3) * 1e9 / slices);
        run(warmupNanos);
        double[] perPass = new double[slices];
        for (int i = 0; i < slices; i++) perPass[i] = run(sliceNanos);
        Arrays.sort(perPass);
        System.out.printf("%.0f%n", perPass[slices / 2]);
        if (sink == 42) System.out.println(); // keeps the work observable
    }

    /** Passes for about {@code nanos}; returns ns per pass. */
    static double run(long nanos) {
        long start = System.nanoTime(), end = start + nanos, passes = 0, now;
        do {
            for (int i = 0; i < 100; i++) sink += pass();
            passes += 100;
        } while ((now = System.nanoTime()) < end);
        return (now - start) / (double) passes;
    }

    /** One chunk: find every JSON string, intern it as a key, count, and copy the chunk. */
    static int pass() {
        Map<String, Integer> keys = new HashMap<>();
        byte[] b = CHUNK;
        int i = 0;
        while (i < b.length) {
            if (b[i++] != '"') continue;
            int from = i;
            while (i < b.length && b[i] != '"') i++;
            keys.merge(new String(b, from, i - from, StandardCharsets.ISO_8859_1), 1, Integer::sum);
            i++;
        }
        byte[] copy = Arrays.copyOf(b, b.length + 16);
        return keys.size() + copy[b.length / 2];
    }
}
