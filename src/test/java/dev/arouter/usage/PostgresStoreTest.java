package dev.arouter.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store on the local PostgreSQL (127.0.0.1:5432, database test; override with
 * AROUTER_TEST_PG_URL / AROUTER_TEST_PG_USER), in a schema of its own that is dropped afterwards.
 */
class PostgresStoreTest extends StoreContract {

    static final String URL = System.getenv().getOrDefault("AROUTER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("AROUTER_TEST_PG_USER", "postgres");
    static final String SCHEMA = "arouter_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry r) {
        r.add("arouter.test.db-url", () -> URL + "?currentSchema=" + SCHEMA);
        r.add("arouter.test.db-user", () -> USER);
        r.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        try (var c = DriverManager.getConnection(URL, USER, null); var s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void usageBatchesGoOutAsMultiRowInserts() throws Exception {
        // pgjdbc's reWriteBatchedInserts, set by PostgresBatchedInserts: far fewer round trips per batch
        try (var c = jdbc.getDataSource().getConnection()) {
            assertThat(c.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled()).isTrue();
        }
    }

    @Override
    String expectedDatabase() {
        return "PostgreSQL";
    }
}
