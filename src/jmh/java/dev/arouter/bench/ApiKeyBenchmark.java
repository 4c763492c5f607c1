package dev.arouter.bench;

import dev.arouter.config.ArouterProperties;
import dev.arouter.keys.ApiKey;
import dev.arouter.keys.ApiKeyStore;
import dev.arouter.keys.KeySecrets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Authentication of a request's key, {@link ApiKeyStore#authenticate(String)}, on its cached path:
 * SHA-256 of the secret, hex, Caffeine look-up. The store sits on an in-memory H2 database with the
 * Flyway migrations of src/main/resources/db/migration applied; the key is created and seen once
 * at setup, so the benchmark never reaches the database (unless a run outlives the 60 s cache
 * TTL, which costs one query per minute). {@code unknownKey} is a bad key retried: answered from
 * the negative cache, which expires every 5 s (one query per 5 s). {@code hashOnly} is
 * {@link KeySecrets#hash(String)} alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ApiKeyBenchmark {

    private ApiKeyStore store;
    private String secret;
    private String unknown;

    @Setup
    public void setup() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:bench-keys;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        store = new ApiKeyStore(new JdbcTemplate(ds), new ArouterProperties());
        secret = store.create("bench", "acct_bench", null).secret();
        unknown = KeySecrets.newSecret();
        Wire.check(store.authenticate(secret).isPresent(), "created key not authenticated");
        Wire.check(store.authenticate(unknown).isEmpty(), "unknown key authenticated");
    }

    @Benchmark
    public Optional<ApiKey> cachedKey() {
        return store.authenticate(secret);
    }

    @Benchmark
    public Optional<ApiKey> unknownKey() {
        return store.authenticate(unknown);
    }

    @Benchmark
    public String hashOnly() {
        return KeySecrets.hash(secret);
    }
}
