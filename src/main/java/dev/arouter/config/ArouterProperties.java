package dev.arouter.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Gateway settings under {@code arouter.*} (see README.md, "Configuration"). */
@ConfigurationProperties("arouter")
public class ArouterProperties {

    /** Folder of the Camel YAML routes; provider declarations live in its {@code providers/} sub-folder. */
    private Path routesDir = Path.of("routes");
    /** Folder of the per-provider request transforms, {@code <provider-id>.yaml}. */
    private Path transformsDir = Path.of("transforms");
    /** Operator key for /api/v1/keys (env AROUTER_ADMIN_KEY). Empty disables the admin API. */
    private String adminKey = "";
    /** Largest request body accepted; larger gets 413. */
    private long maxRequestBytes = 32L * 1024 * 1024;
    /** Largest non-streaming upstream body read into memory. */
    private long maxUpstreamBytes = 64L * 1024 * 1024;
    /** How often provider declarations and transforms are checked for changes. */
    private Duration reloadInterval = Duration.ofMillis(1000);
    private final Upstream upstream = new Upstream();
    private final CircuitBreaker circuitBreaker = new CircuitBreaker();
    private final Keys keys = new Keys();

    public static class Upstream {
        private Duration connectTimeout = Duration.ofSeconds(10);
        /** Wait for the first response byte (and, in a stream, between two reads). */
        private Duration firstByteTimeout = Duration.ofSeconds(300);

        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration v) { connectTimeout = v; }
        public Duration getFirstByteTimeout() { return firstByteTimeout; }
        public void setFirstByteTimeout(Duration v) { firstByteTimeout = v; }
    }

    public static class CircuitBreaker {
        private int slidingWindowSize = 20;
        private int minimumNumberOfCalls = 10;
        private float failureRateThreshold = 50f;
        private Duration waitInOpenState = Duration.ofSeconds(15);
        private int permittedCallsInHalfOpenState = 3;

        public int getSlidingWindowSize() { return slidingWindowSize; }
        public void setSlidingWindowSize(int v) { slidingWindowSize = v; }
        public int getMinimumNumberOfCalls() { return minimumNumberOfCalls; }
        public void setMinimumNumberOfCalls(int v) { minimumNumberOfCalls = v; }
        public float getFailureRateThreshold() { return failureRateThreshold; }
        public void setFailureRateThreshold(float v) { failureRateThreshold = v; }
        public Duration getWaitInOpenState() { return waitInOpenState; }
        public void setWaitInOpenState(Duration v) { waitInOpenState = v; }
        public int getPermittedCallsInHalfOpenState() { return permittedCallsInHalfOpenState; }
        public void setPermittedCallsInHalfOpenState(int v) { permittedCallsInHalfOpenState = v; }
    }

    public static class Keys {
        /** How long a looked-up key stays cached (revocation takes effect within this). */
        private Duration cacheTtl = Duration.ofSeconds(60);
        private long cacheSize = 100_000;

        public Duration getCacheTtl() { return cacheTtl; }
        public void setCacheTtl(Duration v) { cacheTtl = v; }
        public long getCacheSize() { return cacheSize; }
        public void setCacheSize(long v) { cacheSize = v; }
    }

    public Path getRoutesDir() { return routesDir; }
    public void setRoutesDir(Path v) { routesDir = v; }
    public Path getTransformsDir() { return transformsDir; }
    public void setTransformsDir(Path v) { transformsDir = v; }
    public String getAdminKey() { return adminKey; }
    public void setAdminKey(String v) { adminKey = v; }
    public long getMaxRequestBytes() { return maxRequestBytes; }
    public void setMaxRequestBytes(long v) { maxRequestBytes = v; }
    public long getMaxUpstreamBytes() { return maxUpstreamBytes; }
    public void setMaxUpstreamBytes(long v) { maxUpstreamBytes = v; }
    public Duration getReloadInterval() { return reloadInterval; }
    public void setReloadInterval(Duration v) { reloadInterval = v; }
    public Upstream getUpstream() { return upstream; }
    public CircuitBreaker getCircuitBreaker() { return circuitBreaker; }
    public Keys getKeys() { return keys; }
}
