package dev.arouter.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arouter.config.ArouterProperties;
import dev.arouter.config.PolledFolder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Reads the provider declarations in {@code routes/providers/*.yaml} into a {@link Catalog} and
 * keeps it current through a {@link PolledFolder}: the folder is polled, a changed file is parsed and
 * validated on its own, and only a valid file replaces its previous version. A broken file is
 * rejected with one ERROR line and the version before it keeps serving. Each change swaps in a
 * whole new snapshot.
 *
 * <p>Base URL and API key of provider {@code id} come from env {@code <ID>_BASE_URL} and
 * {@code <ID>_API_KEY} (upper case, {@code -} as {@code _}; aliases are tried too), with the file's
 * {@code baseUrl} as default.
 */
@Component
public class CatalogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogLoader.class);
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Set<String> FAMILIES = Set.of("openai", "anthropic", "gemini");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final ArouterProperties properties;
    private final Environment environment;
    private final PolledFolder<ProviderDeclaration, Catalog> folder;

    public CatalogLoader(ArouterProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
        this.folder = new PolledFolder<>(LOG, "provider file", properties.getRoutesDir().resolve("providers"),
                this::parse, this::build, (file, d) -> "provider " + d.id() + " (" + d.models().size() + " models)");
    }

    public Catalog current() {
        return folder.current();
    }

    public Path folder() {
        return folder.dir();
    }

    @PostConstruct
    void start() {
        folder.start(properties.getReloadInterval(), "arouter-catalog-watch");
    }

    @PreDestroy
    void stop() {
        folder.stop();
    }

    /** Looks for added, changed and removed files; rebuilds the snapshot when anything changed. */
    void rescan() {
        folder.rescan();
    }

    private ProviderDeclaration parse(Path file) throws IOException {
        ProviderDeclaration d;
        try {
            d = YAML.readValue(file.toFile(), ProviderDeclaration.class);
        } catch (IOException e) {
            String first = e.getMessage().lines().findFirst().orElse("");
            if (first.contains("\"dropParams\""))
                first += " ('dropParams' moved to transforms/<provider>.yaml as a rule's 'drop')";
            throw new InvalidDeclaration("not a valid provider declaration: " + first);
        }
        if (d == null) throw new InvalidDeclaration("the file is empty");
        if (d.id() == null || !PROVIDER_ID.matcher(d.id()).matches())
            throw new InvalidDeclaration("'id' must be lower-case letters, digits and '-', got " + d.id());
        if (d.family() == null || !FAMILIES.contains(d.family()))
            throw new InvalidDeclaration("'family' must be one of " + FAMILIES + ", got " + d.family());
        checkUrl(d.baseUrl(), "baseUrl");
        if (d.models() == null || d.models().isEmpty())
            throw new InvalidDeclaration("'models' must list at least one model");
        Set<String> ids = new java.util.HashSet<>();
        for (ProviderDeclaration.ModelDeclaration m : d.models()) {
            if (m.id() == null || m.id().isBlank()) throw new InvalidDeclaration("a model has no 'id'");
            if (!ids.add(m.id())) throw new InvalidDeclaration("model '" + m.id() + "' is listed twice");
            if (m.pricing() == null) throw new InvalidDeclaration("model '" + m.id() + "' has no 'pricing'");
            price(m.pricing().input(), m.id(), "input", false);
            price(m.pricing().output(), m.id(), "output", false);
            price(m.pricing().cachedInput(), m.id(), "cachedInput", true);
            if (m.capabilities() != null) {
                for (String c : m.capabilities()) {
                    if (!Model.KNOWN_CAPABILITIES.contains(c))
                        throw new InvalidDeclaration("model '" + m.id() + "' has unknown capability '" + c
                                + "' (known: " + Model.KNOWN_CAPABILITIES + ")");
                }
            }
        }
        return d;
    }

    private static void checkUrl(String url, String field) {
        if (url == null) throw new InvalidDeclaration("'" + field + "' is missing");
        try {
            URI u = URI.create(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null)
                throw new InvalidDeclaration("'" + field + "' must be an http(s) URL, got " + url);
        } catch (IllegalArgumentException e) {
            throw new InvalidDeclaration("'" + field + "' is not a URL: " + url);
        }
    }

    private static BigDecimal price(String value, String model, String field, boolean optional) {
        if (value == null) {
            if (optional) return null;
            throw new InvalidDeclaration("model '" + model + "' has no pricing." + field);
        }
        try {
            BigDecimal p = new BigDecimal(value.trim());
            if (p.signum() < 0) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new InvalidDeclaration("model '" + model + "' pricing." + field + " is not a non-negative number: " + value);
        }
    }

    private Catalog build(Map<Path, ProviderDeclaration> declarations) { // cross-file rules: duplicate ids, aliases
        Map<String, Provider> providers = new HashMap<>();
        Map<String, Model> models = new HashMap<>();
        for (Map.Entry<Path, ProviderDeclaration> e : declarations.entrySet()) {
            ProviderDeclaration d = e.getValue();
            Provider p = resolve(d);
            Set<String> names = new LinkedHashSet<>();
            names.add(d.id());
            if (d.aliases() != null) names.addAll(d.aliases());
            for (String name : names) {
                Provider clash = providers.putIfAbsent(name, p);
                if (clash != null)
                    throw new InvalidDeclaration("provider name '" + name + "' is already used by provider " + clash.id());
            }
            for (ProviderDeclaration.ModelDeclaration m : d.models()) {
                String publicId = d.id() + "/" + m.id();
                BigDecimal input = price(m.pricing().input(), m.id(), "input", false);
                BigDecimal cached = price(m.pricing().cachedInput(), m.id(), "cachedInput", true);
                Pricing pricing = new Pricing(input, price(m.pricing().output(), m.id(), "output", false),
                        cached == null ? input : cached);
                Model model = new Model(publicId, p, m.upstream() == null ? m.id() : m.upstream(), pricing,
                        m.contextLength() == null ? 0 : m.contextLength(),
                        m.maxOutput() == null ? 0 : m.maxOutput(),
                        m.capabilities() == null ? Set.of() : Set.copyOf(m.capabilities()),
                        m.created() == null ? 0 : m.created());
                if (models.putIfAbsent(publicId, model) != null)
                    throw new InvalidDeclaration("model " + publicId + " is declared twice");
            }
        }
        return new Catalog(providers, models);
    }

    private Provider resolve(ProviderDeclaration d) {
        List<String> names = new java.util.ArrayList<>();
        names.add(d.id());
        if (d.aliases() != null) names.addAll(d.aliases());
        String baseUrl = env(names, "_BASE_URL");
        if (baseUrl == null) baseUrl = d.baseUrl();
        checkUrl(baseUrl, "baseUrl");
        while (baseUrl.endsWith("/")) baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        ArouterProperties.Upstream defaults = properties.getUpstream();
        ProviderDeclaration.Timeouts t = d.timeouts();
        return new Provider(d.id(), d.name() == null ? d.id() : d.name(), d.family(), baseUrl,
                env(names, "_API_KEY"),
                d.aliases() == null ? List.of() : List.copyOf(d.aliases()),
                d.headers() == null ? Map.of() : Map.copyOf(d.headers()),
                t != null && t.connectMs() != null ? Duration.ofMillis(t.connectMs()) : defaults.getConnectTimeout(),
                t != null && t.firstByteMs() != null ? Duration.ofMillis(t.firstByteMs()) : defaults.getFirstByteTimeout());
    }

    private String env(List<String> names, String suffix) {
        for (String n : names) {
            String v = environment.getProperty(n.toUpperCase(Locale.ROOT).replace('-', '_') + suffix);
            if (v != null && !v.isBlank()) return v.trim();
        }
        return null;
    }

    /** A declaration that breaks a rule; its message is the one line logged. */
    static final class InvalidDeclaration extends PolledFolder.Rejected {
        InvalidDeclaration(String message) {
            super(message);
        }
    }
}
