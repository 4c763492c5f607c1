package dev.arouter.bench;

import dev.arouter.catalog.BenchCatalogs;
import dev.arouter.catalog.Catalog;
import dev.arouter.catalog.Model;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Model resolution, {@link Catalog#model(String)}, on the catalog CatalogLoader builds from the
 * repository's routes/providers/*.yaml (system property {@code arouter.bench.routes} to use
 * another folder): a canonical public id, an id under a provider alias ({@code kimi/} for
 * {@code moonshot/}), and an unknown model of a known provider (the longest path: two map misses
 * and a string concatenation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CatalogBenchmark {

    private Catalog catalog;
    // Non-final fields so the JIT cannot fold the look-ups.
    private String canonical = "openai/gpt-5.4-mini";
    private String alias = "kimi/kimi-k2";
    private String unknown = "openai/no-such-model";

    @Setup
    public void setup() {
        catalog = BenchCatalogs.load(Path.of(System.getProperty("arouter.bench.routes", "routes")));
        Wire.check(catalog.model(canonical) != null, canonical + " not in the catalog");
        Model viaAlias = catalog.model(alias);
        Wire.check(viaAlias != null && viaAlias.id().equals("moonshot/kimi-k2"), alias + " not resolved to moonshot/kimi-k2");
        Wire.check(catalog.model(unknown) == null, unknown + " resolved");
    }

    @Benchmark
    public Model canonicalId() {
        return catalog.model(canonical);
    }

    @Benchmark
    public Model aliasId() {
        return catalog.model(alias);
    }

    @Benchmark
    public Model unknownId() {
        return catalog.model(unknown);
    }
}
