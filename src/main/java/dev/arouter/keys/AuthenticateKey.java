package dev.arouter.keys;

import dev.arouter.ingress.GatewayException;
import dev.arouter.ingress.RequestContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Finds the client's key wherever its SDK puts it: {@code Authorization: Bearer} (OpenAI),
 * {@code X-Api-Key} (Anthropic), {@code x-goog-api-key} or {@code ?key=} (Gemini), and checks it
 * against the key store (cached; no database round trip for a key already seen).
 */
@Component("authenticateKey")
public class AuthenticateKey implements org.apache.camel.Processor {

    private final ApiKeyStore keys;

    public AuthenticateKey(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        String secret = presentedKey(exchange.getIn());
        if (secret == null) {
            throw GatewayException.unauthorized("Missing API key. Send it as 'Authorization: Bearer <key>' "
                    + "(or X-Api-Key, x-goog-api-key, or ?key=).");
        }
        ApiKey key = keys.authenticate(secret).orElseThrow(() -> GatewayException.unauthorized(
                "Incorrect API key provided: " + redact(secret) + "."));
        RequestContext.of(exchange).apiKey(key);
    }

    /** The key the client sent, or null. Platform-http exposes query parameters as headers too. */
    public static String presentedKey(Message in) {
        String auth = in.getHeader("Authorization", String.class);
        if (auth != null) {
            auth = auth.trim();
            if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String v = auth.substring(7).trim();
                if (!v.isEmpty()) return v;
            }
        }
        for (String h : new String[] {"X-Api-Key", "x-goog-api-key", "key"}) {
            String v = in.getHeader(h, String.class);
            if (v != null && !v.isBlank()) return v.trim();
        }
        return null;
    }

    static String redact(String secret) {
        if (secret.length() <= 12) return "****";
        return secret.substring(0, 8) + "****" + secret.substring(secret.length() - 4);
    }
}
