package dev.arouter.keys;

import dev.arouter.config.ArouterProperties;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * API keys in SQL ({@code api_keys}), looked up by hash through a Caffeine cache so that
 * authenticating a request costs no database round trip once its key has been seen. A key in use
 * is re-read in the background after half the cache TTL while requests keep using the cached copy,
 * so a request never waits for the database once its key is known (before, every TTL the requests
 * of a busy key all waited for one lookup: behind a slow database, a stall once a minute). Unknown
 * hashes are cached briefly too, so a client retrying a bad key does not hammer the database.
 */
@Component
public class ApiKeyStore {

    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    /** Background re-reads of keys in use: never on a request's thread. */
    private static final Executor REFRESHES = task -> Thread.ofVirtual().name("api-key-refresh").start(task);

    private final LoadingCache<String, Optional<ApiKey>> byHash;

    public ApiKeyStore(JdbcTemplate jdbc, ArouterProperties properties) {
        this.jdbc = jdbc;
        long ttl = properties.getKeys().getCacheTtl().toNanos();
        this.byHash = Caffeine.newBuilder()
                // the cache's upkeep (a few entries drained now and then) runs on the calling request
                // thread: the default hands it to ForkJoinPool.commonPool, waking a platform thread
                // about every 16th lookup (measured: ~1,460 wake-ups in 10 s at one connection)
                .executor(Runnable::run)
                .maximumSize(properties.getKeys().getCacheSize())
                .refreshAfterWrite(properties.getKeys().getCacheTtl().dividedBy(2))
                .expireAfter(new Expiry<String, Optional<ApiKey>>() {
                    public long expireAfterCreate(String k, Optional<ApiKey> v, long now) {
                        return v.isPresent() ? ttl : NEGATIVE_TTL.toNanos();
                    }
                    public long expireAfterUpdate(String k, Optional<ApiKey> v, long now, long d) {
                        return expireAfterCreate(k, v, now);
                    }
                    public long expireAfterRead(String k, Optional<ApiKey> v, long now, long d) {
                        return d;
                    }
                })
                .build(new CacheLoader<String, Optional<ApiKey>>() {
                    @Override
                    public Optional<ApiKey> load(String hash) {
                        return find(hash);
                    }

                    @Override
                    public CompletableFuture<Optional<ApiKey>> asyncReload(String hash, Optional<ApiKey> old, Executor cacheExecutor) {
                        return CompletableFuture.supplyAsync(() -> find(hash), REFRESHES);
                    }
                });
    }

    /** Creates a key; the returned secret exists nowhere else afterwards. */
    public Created create(String name, String account, String limitsJson) {
        String secret = KeySecrets.newSecret();
        String hash = KeySecrets.hash(secret);
        ApiKey key = new ApiKey(KeySecrets.newId(), name, account, KeySecrets.displayPrefix(secret),
                Instant.now(), null, limitsJson);
        jdbc.update("insert into api_keys (id, name, account, key_hash, key_prefix, created_at, limits) "
                        + "values (?, ?, ?, ?, ?, ?, ?)",
                key.id(), key.name(), key.account(), hash, key.prefix(), Timestamp.from(key.createdAt()), limitsJson);
        byHash.invalidate(hash);
        return new Created(key, secret);
    }

    /** The active key with this secret, or empty. Served from the cache after the first sight. */
    public Optional<ApiKey> authenticate(String secret) {
        return byHash.get(KeySecrets.hash(secret)).filter(ApiKey::active);
    }

    private Optional<ApiKey> find(String hash) {
        return jdbc.query("select id, name, account, key_prefix, created_at, revoked_at, limits from api_keys where key_hash = ?",
                ApiKeyStore::row, hash).stream().findFirst();
    }

    public List<ApiKey> list() {
        return jdbc.query("select id, name, account, key_prefix, created_at, revoked_at, limits from api_keys "
                + "order by created_at", ApiKeyStore::row);
    }

    /** Revokes a key; cached copies expire within the cache TTL. Returns false if there is no such key. */
    public boolean revoke(String id) {
        int n = jdbc.update("update api_keys set revoked_at = ? where id = ? and revoked_at is null",
                Timestamp.from(Instant.now()), id);
        byHash.invalidateAll();
        return n > 0;
    }

    private static ApiKey row(ResultSet rs, int i) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("account"),
                rs.getString("key_prefix"), rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant(), rs.getString("limits"));
    }

    public record Created(ApiKey key, String secret) {
    }
}
