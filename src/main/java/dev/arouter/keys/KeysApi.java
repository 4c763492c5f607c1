package dev.arouter.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.config.ArouterProperties;
import dev.arouter.ingress.GatewayException;
import dev.arouter.ingress.ResponseHeaders;
import dev.arouter.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The operator's key management: {@code POST /api/v1/keys} creates a key and returns its secret
 * this once, {@code GET /api/v1/keys} lists keys without secrets, {@code DELETE /api/v1/keys/{id}}
 * revokes one. Every call needs the admin key ({@code AROUTER_ADMIN_KEY}).
 */
@Component("keysApi")
public class KeysApi {

    private final ApiKeyStore keys;
    private final ArouterProperties properties;

    public KeysApi(ApiKeyStore keys, ArouterProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    public void authenticateAdmin(Exchange exchange) {
        String admin = properties.getAdminKey();
        if (admin == null || admin.isBlank()) {
            throw new GatewayException(403, "permission_error", "admin_disabled", null,
                    "Key management is disabled: set AROUTER_ADMIN_KEY to enable it.");
        }
        String presented = AuthenticateKey.presentedKey(exchange.getIn());
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                admin.getBytes(StandardCharsets.UTF_8))) {
            throw GatewayException.unauthorized("This endpoint needs the admin key.");
        }
    }

    public void create(Exchange exchange) {
        byte[] raw = exchange.getIn().getBody(byte[].class);
        JsonNode body;
        try {
            body = raw == null || raw.length == 0 ? Json.object() : Json.MAPPER.readTree(raw);
        } catch (Exception e) {
            throw GatewayException.badRequest(null, "We could not parse the JSON body of your request.");
        }
        if (!body.isObject()) throw GatewayException.badRequest(null, "The request body must be a JSON object.");
        String name = text(body, "name", "default");
        String account = text(body, "account", "default");
        ObjectNode limits = Json.object();
        body.properties().forEach(e -> {
            if (!e.getKey().equals("name") && !e.getKey().equals("account")) limits.set(e.getKey(), e.getValue());
        });
        ApiKeyStore.Created created = keys.create(name, account, limits.isEmpty() ? null : limits.toString());
        ObjectNode out = describe(created.key());
        out.put("key", created.secret());
        ResponseHeaders.json(exchange, 201, Json.bytes(out));
    }

    public void list(Exchange exchange) {
        ObjectNode out = Json.object();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        keys.list().forEach(k -> data.add(describe(k)));
        ResponseHeaders.json(exchange, 200, Json.bytes(out));
    }

    public void revoke(Exchange exchange) {
        String id = exchange.getIn().getHeader("id", String.class);
        if (id == null || !keys.revoke(id)) {
            throw new GatewayException(404, "invalid_request_error", "key_not_found", "id",
                    "No active key with id '" + id + "'.");
        }
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("revoked", true);
        ResponseHeaders.json(exchange, 200, Json.bytes(out));
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 200) {
            throw GatewayException.badRequest(field, "'" + field + "' must be a non-empty string of at most 200 characters.");
        }
        return v.asText();
    }

    private static ObjectNode describe(ApiKey k) {
        ObjectNode o = Json.object();
        o.put("id", k.id());
        o.put("object", "api_key");
        o.put("name", k.name());
        o.put("account", k.account());
        o.put("prefix", k.prefix());
        o.put("created_at", k.createdAt().getEpochSecond());
        o.put("revoked", !k.active());
        if (k.limits() != null) {
            try {
                o.set("limits", Json.MAPPER.readTree(k.limits()));
            } catch (Exception e) {
                o.putNull("limits");
            }
        }
        return o;
    }
}
