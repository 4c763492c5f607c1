package dev.arouter.catalog;

import java.util.Set;

/**
 * One catalog entry. {@code id} is the public id clients send ({@code provider/model});
 * {@code upstreamId} is what the provider is asked for.
 */
public record Model(
        String id,
        Provider provider,
        String upstreamId,
        Pricing pricing,
        long contextLength,
        long maxOutput,
        Set<String> capabilities,
        long created) {

    public static final Set<String> KNOWN_CAPABILITIES =
            Set.of("vision", "pdf", "tools", "json_schema", "reasoning", "embeddings");

    public boolean can(String capability) {
        return capabilities.contains(capability);
    }
}
