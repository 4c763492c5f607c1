package dev.arouter.translate;

import dev.arouter.translate.sse.SseWriter;
import java.util.Arrays;

/**
 * The client bytes of one relayed event, written into an array the stream's relay keeps for the
 * next event (so relaying a chunk allocates no array for it). Owned by one relay; not
 * thread-safe. An unusually large event's array is let go at the next reset.
 */
public final class ClientBytes implements SseWriter.Sink {

    private static final byte[] NOTHING = new byte[0];
    private static final int INITIAL = 512;
    private static final int RETAINED = 16 * 1024;

    private byte[] buf = NOTHING;
    private int len;

    /** Appends {@code b}. */
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    /** Appends {@code b[off, off + n)}. */
    @Override
    public void write(byte[] b, int off, int n) {
        System.arraycopy(b, off, room(n), len, n);
        len += n;
    }

    /**
     * The array, with at least {@code n} bytes free from {@link #length()}: write them there, then
     * {@link #advance} by what was written.
     */
    public byte[] room(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(len + n, Math.max(INITIAL, buf.length * 2)));
        return buf;
    }

    /** Counts {@code n} bytes written into {@link #room}'s array. */
    public void advance(int n) {
        len += n;
    }

    public int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    public void reset() {
        len = 0;
        if (buf.length > RETAINED) buf = NOTHING;
    }
}
