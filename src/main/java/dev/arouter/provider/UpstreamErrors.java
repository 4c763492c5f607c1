package dev.arouter.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.catalog.Provider;
import dev.arouter.ingress.GatewayException;
import dev.arouter.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Maps an upstream error answer to what the client sees. The status is relayed, except where
 * relaying would mislead the client: the provider refusing the gateway's own credentials (401,
 * 403) or its account's balance (402) is a 502, never blamed on the client's key; 408 becomes 504
 * and Anthropic's non-standard 529 becomes 503. The message is taken from the provider's body
 * in whichever common shape it uses (OpenAI nested, flat, {@code detail}), or described.
 */
public final class UpstreamErrors {

    private UpstreamErrors() {
    }

    public static GatewayException map(int status, byte[] body, Provider provider) {
        JsonNode root = null;
        try {
            root = body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (Exception ignored) {
            // non-JSON error page (an edge proxy's HTML): described below
        }
        JsonNode err = root == null ? null : (root.path("error").isObject() ? root.get("error") : root);
        String message = firstText(err, "message", "detail", "error", "msg");
        if (message == null && root != null && root.path("error").isTextual()) message = root.get("error").asText();
        if (message == null) message = "HTTP " + status + " from " + provider.name() + ".";
        String type = firstText(err, "type", "status");
        String code = firstText(err, "code");
        String who = provider.name();
        return switch (status) {
            case 401, 403 -> new GatewayException(502, "upstream_error", "upstream_auth_failed", null,
                    who + " rejected the gateway's credentials (HTTP " + status + "): " + message);
            case 402 -> new GatewayException(502, "upstream_error", "upstream_insufficient_balance", null,
                    who + " refused the request for the gateway's account balance (HTTP 402): " + message);
            case 408 -> new GatewayException(504, "upstream_timeout", "upstream_timeout", null, message);
            case 529 -> new GatewayException(503, "service_unavailable", code == null ? "overloaded" : code, null,
                    who + " is overloaded: " + message);
            default -> new GatewayException(status, type != null ? type : defaultType(status), code,
                    firstText(err, "param"), message);
        };
    }

    static String defaultType(int status) {
        if (status == 429) return "rate_limit_error";
        if (status == 404) return "not_found_error";
        if (status >= 500) return "upstream_error";
        return "invalid_request_error";
    }

    private static String firstText(JsonNode node, String... fields) {
        if (node == null) return null;
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && (v.isTextual() || v.isNumber()) && !v.asText().isBlank()) return v.asText();
        }
        return null;
    }

    public static String describe(byte[] body) {
        return new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
    }
}
