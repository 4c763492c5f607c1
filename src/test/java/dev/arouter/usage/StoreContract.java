package dev.arouter.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.keys.ApiKeyStore;
import dev.arouter.keys.KeySecrets;
import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the gateway stores, checked the same way on every supported database. */
abstract class StoreContract extends GatewayTestBase {

    @Autowired
    ApiKeyStore keys;

    abstract String expectedDatabase();

    @Test
    void runsOnTheExpectedDatabase() throws Exception {
        try (var c = jdbc.getDataSource().getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).containsIgnoringCase(expectedDatabase());
        }
    }

    @Test
    void keyLifecycle() {
        ApiKeyStore.Created created = keys.create("store", "acme", "{\"credit_limit\":5}");
        assertThat(keys.authenticate(created.secret())).hasValueSatisfying(k -> {
            assertThat(k.account()).isEqualTo("acme");
            assertThat(k.limits()).contains("credit_limit");
        });
        assertThat(jdbc.queryForObject("select key_hash from api_keys where id = ?", String.class, created.key().id()))
                .isEqualTo(KeySecrets.hash(created.secret()));
        assertThat(keys.list()).anyMatch(k -> k.id().equals(created.key().id()));
        assertThat(keys.revoke(created.key().id())).isTrue();
        assertThat(keys.authenticate(created.secret())).isEmpty();
        assertThat(keys.revoke(created.key().id())).isFalse();
    }

    @Test
    void usageRowsAreWrittenInBatchesWithExactValues() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        String[] ids = new String[25];
        for (int i = 0; i < ids.length; i++) {
            HttpResponse<String> r = chat("{\"model\":\"deepseek/deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).isEqualTo(200);
            ids[i] = r.headers().firstValue("X-Request-Id").orElseThrow();
        }
        for (String id : ids) {
            Map<String, Object> row = usageRow(id);
            assertThat(row.get("account")).isEqualTo("acme");
            assertThat(row.get("model_requested")).isEqualTo("deepseek/deepseek-v3.2");
            assertThat(((Number) row.get("prompt_tokens")).intValue()).isEqualTo(38);
            // deepseek-v3.2: $0.28/M input, $0.42/M output
            assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo("0.00002450");
            assertThat(row.get("created_at")).isNotNull();
        }
        assertThat(jdbc.queryForObject("select count(*) from usage_records where request_id = ?", Integer.class, ids[0]))
                .isEqualTo(1);
    }
}
