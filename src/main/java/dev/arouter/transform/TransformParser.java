package dev.arouter.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arouter.config.PolledFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates one transforms file (format in transforms/README.md): known keys only, a
 * provider id, regexes that compile, paths without empty segments, numeric clamp bounds with
 * {@code min <= max}, at least one action per rule. Anything else is a {@link Invalid} with a one-line reason.
 */
public final class TransformParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");
    private static final Set<String> FILE_KEYS = Set.of("provider", "rules");
    private static final Set<String> RULE_KEYS = Set.of("when", "rename", "drop", "defaults", "clamp");
    private static final Set<String> WHEN_KEYS = Set.of("modelMatches");
    private static final Set<String> BOUND_KEYS = Set.of("min", "max");

    private TransformParser() {
    }

    /** A file that breaks a rule; its message is the one line logged. */
    public static final class Invalid extends PolledFolder.Rejected {
        Invalid(String message) {
            super(message);
        }
    }

    public static ProviderTransforms parse(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static ProviderTransforms parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new Invalid("not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) throw new Invalid("the file is empty");
        if (!root.isObject()) throw new Invalid("the file must be a mapping with 'provider' and 'rules'");
        keys(root, FILE_KEYS, "the file");
        JsonNode provider = root.get("provider");
        if (provider == null || !provider.isTextual() || !PROVIDER_ID.matcher(provider.asText()).matches())
            throw new Invalid("'provider' must be a provider id (lower-case letters, digits and '-'), got " + provider);
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) throw new Invalid("'rules' must be a list");
        List<TransformRule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            parsed.add(rule(rules.get(i), "rule " + (i + 1)));
        }
        return new ProviderTransforms(provider.asText(), List.copyOf(parsed));
    }

    private static TransformRule rule(JsonNode r, String where) {
        if (!r.isObject()) throw new Invalid(where + " must be a mapping");
        keys(r, RULE_KEYS, where);
        if (!r.has("rename") && !r.has("drop") && !r.has("defaults") && !r.has("clamp"))
            throw new Invalid(where + " has no action (rename, drop, defaults or clamp)");
        Pattern model = null;
        JsonNode when = r.get("when");
        if (when != null) {
            if (!when.isObject()) throw new Invalid(where + ": 'when' must be a mapping");
            keys(when, WHEN_KEYS, where + " 'when'");
            JsonNode regex = when.get("modelMatches");
            if (regex != null) {
                if (!regex.isTextual()) throw new Invalid(where + ": 'modelMatches' must be a string");
                try {
                    model = Pattern.compile(regex.asText());
                } catch (PatternSyntaxException e) {
                    throw new Invalid(where + ": 'modelMatches' does not compile: "
                            + e.getDescription() + " near index " + e.getIndex() + " of " + regex.asText());
                }
            }
        }
        Map<String, String> rename = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(r, "rename", where)) {
            if (!e.getValue().isTextual()) throw new Invalid(where + ": rename target of '" + e.getKey() + "' must be a field name");
            String from = path(e.getKey(), where), to = path(e.getValue().asText(), where);
            if (from.equals(to)) throw new Invalid(where + ": rename of '" + from + "' to itself");
            rename.put(from, to);
        }
        List<String> drop = new ArrayList<>();
        JsonNode d = r.get("drop");
        if (d != null) {
            if (!d.isArray()) throw new Invalid(where + ": 'drop' must be a list of field names");
            for (JsonNode f : d) {
                if (!f.isTextual()) throw new Invalid(where + ": 'drop' must be a list of field names, got " + f);
                drop.add(path(f.asText(), where));
            }
        }
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(r, "defaults", where)) {
            if (e.getValue().isNull()) throw new Invalid(where + ": default of '" + e.getKey() + "' is null");
            defaults.put(path(e.getKey(), where), e.getValue());
        }
        Map<String, TransformRule.Bounds> clamp = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(r, "clamp", where)) {
            String p = path(e.getKey(), where);
            JsonNode b = e.getValue();
            if (!b.isObject()) throw new Invalid(where + ": clamp of '" + p + "' must be {min, max}");
            keys(b, BOUND_KEYS, where + " clamp of '" + p + "'");
            JsonNode min = bound(b, "min", where, p), max = bound(b, "max", where, p);
            if (min == null && max == null) throw new Invalid(where + ": clamp of '" + p + "' needs min or max");
            if (min != null && max != null && min.decimalValue().compareTo(max.decimalValue()) > 0)
                throw new Invalid(where + ": clamp of '" + p + "' has min " + min + " > max " + max);
            clamp.put(p, new TransformRule.Bounds(min, max));
        }
        return new TransformRule(model, rename, List.copyOf(drop), defaults, clamp);
    }

    private static JsonNode bound(JsonNode b, String name, String where, String path) {
        JsonNode v = b.get(name);
        if (v == null) return null;
        if (!v.isNumber()) throw new Invalid(where + ": clamp " + name + " of '" + path + "' must be a number, got " + v);
        return v;
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode r, String key, String where) {
        JsonNode v = r.get(key);
        if (v == null) return List.of();
        if (!v.isObject()) throw new Invalid(where + ": '" + key + "' must be a mapping of field names");
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        v.fields().forEachRemaining(out::add);
        return out;
    }

    private static String path(String p, String where) {
        if (!PATH.matcher(p).matches()) throw new Invalid(where + ": '" + p + "' is not a field name or dotted path");
        return p;
    }

    private static void keys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k))
                throw new Invalid(where + " has unknown key '" + k + "' (known: " + known.stream().sorted().toList() + ")");
        }
    }
}
