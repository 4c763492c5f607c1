package dev.arouter.catalog;

import dev.arouter.config.ArouterProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.mock.env.MockEnvironment;

/**
 * Benchmark support (src/jmh, not shipped): a {@link Catalog} built by {@link CatalogLoader} from a
 * routes folder exactly as the running gateway builds it, without starting its polling thread.
 * Lives in this package because the loader's one-shot scan is package-private.
 */
public final class BenchCatalogs {
    private BenchCatalogs() {
    }

    /** The catalog of {@code routesDir/providers/*.yaml}; no environment overrides. */
    public static Catalog load(Path routesDir) {
        if (!Files.isDirectory(routesDir.resolve("providers")))
            throw new IllegalStateException("no provider folder at " + routesDir.toAbsolutePath().resolve("providers"));
        ArouterProperties properties = new ArouterProperties();
        properties.setRoutesDir(routesDir);
        CatalogLoader loader = new CatalogLoader(properties, new MockEnvironment());
        loader.rescan();
        Catalog catalog = loader.current();
        if (catalog == null || catalog.models().isEmpty())
            throw new IllegalStateException("no model loaded from " + routesDir.toAbsolutePath());
        return catalog;
    }
}
