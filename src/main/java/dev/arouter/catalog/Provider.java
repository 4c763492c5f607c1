package dev.arouter.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A provider as the gateway uses it: declaration merged with the environment. */
public record Provider(
        String id,
        String name,
        String family,
        String baseUrl,
        String apiKey,
        List<String> aliases,
        Map<String, String> headers,
        Duration connectTimeout,
        Duration firstByteTimeout) {

    /** The API family as the translation layer names it. */
    public dev.arouter.translate.ir.Family apiFamily() {
        return dev.arouter.translate.ir.Family.valueOf(family.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }
}
