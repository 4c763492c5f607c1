package dev.arouter.catalog;

import java.util.List;
import java.util.Map;

/**
 * One provider file, {@code routes/providers/<id>.yaml}, as written by an operator: where the
 * provider lives, which API family it speaks, and the models it serves with their prices.
 */
public record ProviderDeclaration(
        String id,
        String name,
        String family,
        String baseUrl,
        List<String> aliases,
        Map<String, String> headers,
        Timeouts timeouts,
        List<ModelDeclaration> models) {

    public record Timeouts(Long connectMs, Long firstByteMs) {
    }

    public record ModelDeclaration(
            String id,
            String upstream,
            Prices pricing,
            Long contextLength,
            Long maxOutput,
            List<String> capabilities,
            Long created) {
    }

    /** USD per million tokens, as the provider publishes them. */
    public record Prices(String input, String output, String cachedInput) {
    }
}
