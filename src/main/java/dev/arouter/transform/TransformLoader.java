package dev.arouter.transform;

import dev.arouter.config.ArouterProperties;
import dev.arouter.config.PolledFolder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the transforms of {@code transforms/*.yaml} (one file per provider) current, like the
 * provider catalog: polled, each file validated on its own, a broken file rejected with one ERROR
 * line while its previous version keeps serving, a deleted file's rules gone, snapshot swapped atomically.
 */
@Component
public class TransformLoader {

    private static final Logger LOG = LoggerFactory.getLogger(TransformLoader.class);

    private final ArouterProperties properties;
    private final PolledFolder<ProviderTransforms, Map<String, ProviderTransforms>> folder;

    public TransformLoader(ArouterProperties properties) {
        this.properties = properties;
        this.folder = new PolledFolder<>(LOG, "transforms file", properties.getTransformsDir(),
                TransformParser::parse, TransformLoader::byProvider,
                (file, t) -> "transforms of provider " + t.provider() + " (" + t.rules().size() + " rules)");
    }

    /** The rules for a provider (canonical id), or null when it has none. */
    public ProviderTransforms forProvider(String providerId) {
        Map<String, ProviderTransforms> all = folder.current();
        return all == null ? null : all.get(providerId);
    }

    @PostConstruct
    void start() {
        folder.start(properties.getReloadInterval(), "arouter-transforms-watch");
    }

    @PreDestroy
    void stop() {
        folder.stop();
    }

    private static Map<String, ProviderTransforms> byProvider(Map<Path, ProviderTransforms> files) {
        Map<String, ProviderTransforms> out = new HashMap<>();
        for (Map.Entry<Path, ProviderTransforms> e : files.entrySet()) {
            ProviderTransforms t = e.getValue();
            if (out.putIfAbsent(t.provider(), t) != null)
                throw new TransformParser.Invalid("provider " + t.provider() + " already has a transforms file");
        }
        return Map.copyOf(out);
    }
}
