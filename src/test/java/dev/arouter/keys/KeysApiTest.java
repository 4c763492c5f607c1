package dev.arouter.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.testing.GatewayTestBase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class KeysApiTest extends GatewayTestBase {

    @Autowired
    ApiKeyStore store;

    @Test
    void adminCreatesAKeyWhoseSecretIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        HttpResponse<String> r = post("/api/v1/keys",
                "{\"name\":\"ci\",\"account\":\"acme\",\"credit_limit\":25,\"rate_limit\":{\"rpm\":60}}",
                Map.of("Authorization", "Bearer " + ADMIN_KEY));
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode created = json(r.body());
        String secret = created.get("key").asText();
        assertThat(secret).startsWith("lr_live_").hasSize(48);
        assertThat(created.get("name").asText()).isEqualTo("ci");
        assertThat(created.get("account").asText()).isEqualTo("acme");
        assertThat(created.at("/limits/credit_limit").asInt()).isEqualTo(25);

        String id = created.get("id").asText();
        Map<String, Object> row = jdbc.queryForMap("select * from api_keys where id = ?", id);
        assertThat(row.values().stream().map(String::valueOf)).noneMatch(v -> v.contains(secret));
        assertThat(row.get("key_hash")).isEqualTo(KeySecrets.hash(secret));

        HttpResponse<String> list = get("/api/v1/keys", Map.of("Authorization", "Bearer " + ADMIN_KEY));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain(secret);

        assertThat(store.authenticate(secret)).isPresent();
        HttpRequest del = HttpRequest.newBuilder(URI.create(url("/api/v1/keys/" + id)))
                .header("Authorization", "Bearer " + ADMIN_KEY).DELETE().build();
        assertThat(HTTP.send(del, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(store.authenticate(secret)).isEmpty();
    }

    @Test
    void keyManagementNeedsTheAdminKey() throws Exception {
        assertThat(post("/api/v1/keys", "{}", Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/keys", "{}", Map.of("Authorization", "Bearer " + clientKey())).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/keys", Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
    }

    @Test
    void aSeenKeyIsAuthenticatedFromTheCacheWithoutTheDatabase() throws Exception {
        String secret = store.create("cache", "acme", null).secret();
        assertThat(store.authenticate(secret)).isPresent();
        // remove the row behind the cache's back: the next lookup must not need the database
        jdbc.update("delete from api_keys where key_hash = ?", KeySecrets.hash(secret));
        assertThat(store.authenticate(secret)).isPresent();
    }
}
