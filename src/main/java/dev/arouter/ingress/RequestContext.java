package dev.arouter.ingress;

import dev.arouter.catalog.Model;
import dev.arouter.keys.ApiKey;
import dev.arouter.usage.UsageMeter;
import dev.arouter.translate.ir.Family;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;

/**
 * What the gateway knows about one request as it flows through the routes: who asked, for which
 * model, what was used, and how it ended. Kept as the exchange property {@value #PROPERTY}; the
 * usage tap turns it into one usage row when the exchange completes.
 */
public final class RequestContext {

    public static final String PROPERTY = "arouterContext";

    private final String requestId;
    private final String endpoint;
    private final long startNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();
    private final UsageMeter usage = new UsageMeter();
    private volatile ApiKey apiKey;
    private volatile String modelRequested;
    private volatile Model model;
    private volatile boolean stream;
    private volatile boolean clientWantsUsage;
    private volatile int status = 200;
    private volatile String outcome = "ok";
    private volatile long firstByteNanos;
    private volatile long endNanos;
    private volatile Family clientFamily = Family.OPENAI;
    private volatile boolean embeddings;
    private final Map<String, String> forwardHeaders = new ConcurrentHashMap<>();

    public RequestContext(String requestId, String endpoint) {
        this.requestId = requestId;
        this.endpoint = endpoint;
    }

    public static RequestContext of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, RequestContext.class);
    }

    /** The API family the client speaks (and gets its answers and errors in). */
    public Family clientFamily() { return clientFamily; }
    public void clientFamily(Family f) { clientFamily = f; }
    /** Client headers to pass on when the provider speaks the client's own family (e.g. anthropic-beta). */
    public Map<String, String> forwardHeaders() { return forwardHeaders; }
    public String requestId() { return requestId; }
    /** True for an embeddings call (OpenAI /v1/embeddings, Gemini :embedContent / :batchEmbedContents). */
    public boolean embeddings() { return embeddings; }
    public void embeddings(boolean e) { embeddings = e; }
    public String endpoint() { return endpoint; }
    public Instant startedAt() { return startedAt; }
    public UsageMeter usage() { return usage; }
    public ApiKey apiKey() { return apiKey; }
    public void apiKey(ApiKey k) { apiKey = k; }
    public String modelRequested() { return modelRequested; }
    public void modelRequested(String m) { modelRequested = m; }
    public Model model() { return model; }
    public void model(Model m) { model = m; }
    public boolean stream() { return stream; }
    public void stream(boolean s) { stream = s; }
    public boolean clientWantsUsage() { return clientWantsUsage; }
    public void clientWantsUsage(boolean b) { clientWantsUsage = b; }
    public int status() { return status; }
    public String outcome() { return outcome; }

    /** Sets how the request ended; the first non-ok outcome wins. */
    public void end(int status, String outcome) {
        if ("ok".equals(this.outcome)) {
            this.status = status;
            this.outcome = outcome;
        }
    }

    /** Marks the first byte from upstream (once). */
    public void firstByte() {
        if (firstByteNanos == 0) firstByteNanos = System.nanoTime();
    }

    /** Marks the end of the response (the last byte relayed, or the failure). */
    public void finished() {
        if (endNanos == 0) endNanos = System.nanoTime();
    }

    public long latencyMillis() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return (end - startNanos) / 1_000_000;
    }

    /** Time to the first upstream byte, or -1 if none came. */
    public long firstByteMillis() {
        return firstByteNanos == 0 ? -1 : (firstByteNanos - startNanos) / 1_000_000;
    }
}
