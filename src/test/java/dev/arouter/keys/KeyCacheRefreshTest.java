package dev.arouter.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.config.ArouterProperties;
import dev.arouter.testing.GatewayTestBase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A known key is re-read in the background: when its cache entry is due, the request that notices
 * it is answered from the cached copy while the database is read on another thread, so a slow
 * database never holds up a request whose key is known; the re-read still brings changes in.
 */
class KeyCacheRefreshTest extends GatewayTestBase {

    /** The gateway's database, with a switchable 1 s delay on every connection. */
    static final class SlowDatabase extends DelegatingDataSource {
        volatile boolean slow;

        SlowDatabase(javax.sql.DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (slow) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.getConnection();
        }
    }

    @Test
    void aDueEntryIsServedWhileItIsReReadAndTheReReadBringsTheChange() throws Exception {
        SlowDatabase db = new SlowDatabase(jdbc.getDataSource());
        ArouterProperties props = new ArouterProperties();
        props.getKeys().setCacheTtl(Duration.ofSeconds(6)); // re-read after 3 s, expires after 6 s
        ApiKeyStore store = new ApiKeyStore(new JdbcTemplate(db), props);
        ApiKeyStore.Created created = store.create("refresh", "acme", null);
        long loadedAt = System.nanoTime(); // the entry's clock starts no earlier than this
        assertThat(store.authenticate(created.secret())).isPresent(); // loaded and cached

        // revoked behind the cache's back (another gateway instance, an operator's SQL)
        jdbc.update("update api_keys set revoked_at = ? where id = ?", Timestamp.from(Instant.now()), created.key().id());
        Thread.sleep(3_200);
        db.slow = true;

        long t0 = System.nanoTime();
        assertThat(store.authenticate(created.secret())).as("the cached copy, while it is re-read").isPresent();
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        // waiting for the database would take 1,000 ms at least; the bound leaves room for a loaded machine
        assertThat(waitedMs).as("the request did not wait for the slow database").isLessThan(900);

        // seen before the entry would have expired: it came from the background re-read, not a reload at expiry
        long deadline = loadedAt + Duration.ofMillis(5_700).toNanos();
        boolean revokedSeen = false;
        while (!revokedSeen && System.nanoTime() < deadline) {
            revokedSeen = store.authenticate(created.secret()).isEmpty();
            if (!revokedSeen) Thread.sleep(50);
        }
        assertThat(revokedSeen).as("the background re-read brought the revocation in").isTrue();
    }
}
