package dev.arouter.keys;

import java.time.Instant;

/**
 * A client API key as stored: never the secret itself, only its SHA-256 and a display prefix.
 * {@code limits} is the JSON object given at creation (credit and rate limits), kept verbatim.
 */
public record ApiKey(String id, String name, String account, String prefix, Instant createdAt,
                     Instant revokedAt, String limits) {

    public boolean active() {
        return revokedAt == null;
    }
}
