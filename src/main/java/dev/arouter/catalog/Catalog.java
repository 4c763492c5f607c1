package dev.arouter.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of every provider and model. A reload builds a new one and swaps it in
 * whole, so a request always sees one consistent version.
 */
public final class Catalog {

    private final Map<String, Provider> providersByIdOrAlias;
    private final Map<String, Model> modelsById;
    private final List<Model> models;

    Catalog(Map<String, Provider> providersByIdOrAlias, Map<String, Model> modelsById) {
        this.providersByIdOrAlias = Map.copyOf(providersByIdOrAlias);
        this.modelsById = Map.copyOf(modelsById);
        this.models = modelsById.values().stream()
                .sorted(java.util.Comparator.comparing(Model::id)).toList();
    }

    /**
     * Finds a model by public id. The provider prefix may be an alias ({@code kimi/...} for
     * {@code moonshot/...}); the answer always carries the canonical public id.
     */
    public Model model(String publicId) {
        if (publicId == null) return null;
        Model direct = modelsById.get(publicId);
        if (direct != null) return direct;
        int slash = publicId.indexOf('/');
        if (slash <= 0) return null;
        Provider provider = providersByIdOrAlias.get(publicId.substring(0, slash));
        if (provider == null) return null;
        return modelsById.get(provider.id() + "/" + publicId.substring(slash + 1));
    }

    /** The provider with this id or alias, or null. */
    public Provider provider(String idOrAlias) {
        return providersByIdOrAlias.get(idOrAlias);
    }

    public List<Model> models() {
        return models;
    }

    public Collection<Provider> providers() {
        return providersByIdOrAlias.values().stream().distinct().toList();
    }
}
