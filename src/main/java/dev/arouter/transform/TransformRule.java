package dev.arouter.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One rule of a transforms file. Applied to a JSON body in this order: {@code rename}, {@code drop},
 * {@code defaults}, {@code clamp}. Every field name is a dotted path ({@code a.b} is field {@code b}
 * of object {@code a}); a path through a missing or non-object value is skipped.
 *
 * @param modelMatches regex searched in the upstream model id ({@code find}); null: every model
 * @param rename       source path → target path: the value moves; if the target already exists the
 *                     source is just removed
 * @param drop         paths removed
 * @param defaults     path → value set only when the path is absent (missing parent objects are created)
 * @param clamp        path → bounds, applied to numbers only
 */
public record TransformRule(
        Pattern modelMatches,
        Map<String, String> rename,
        List<String> drop,
        Map<String, JsonNode> defaults,
        Map<String, Bounds> clamp) {

    /** Inclusive bounds; either may be null (no bound on that side). */
    public record Bounds(JsonNode min, JsonNode max) {
    }

    public boolean appliesTo(String upstreamModel) {
        return modelMatches == null || modelMatches.matcher(upstreamModel).find();
    }

    public void apply(ObjectNode body) {
        rename.forEach((from, to) -> {
            JsonNode value = get(body, from);
            if (value == null) return;
            if (get(body, to) == null && !set(body, to, value)) return; // target unreachable: leave as is
            remove(body, from);
        });
        for (String path : drop) remove(body, path);
        defaults.forEach((path, value) -> {
            if (get(body, path) == null) set(body, path, value.deepCopy());
        });
        clamp.forEach((path, b) -> {
            JsonNode v = get(body, path);
            if (v == null || !v.isNumber()) return;
            BigDecimal n = v.decimalValue();
            if (b.min() != null && n.compareTo(b.min().decimalValue()) < 0) set(body, path, b.min());
            else if (b.max() != null && n.compareTo(b.max().decimalValue()) > 0) set(body, path, b.max());
        });
    }

    private static ObjectNode parent(ObjectNode body, String path, boolean create) {
        ObjectNode node = body;
        int start = 0;
        for (int dot; (dot = path.indexOf('.', start)) >= 0; start = dot + 1) {
            String name = path.substring(start, dot);
            JsonNode child = node.get(name);
            if (child instanceof ObjectNode o) node = o;
            else if (child == null && create) node = node.putObject(name);
            else return null;
        }
        return node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static JsonNode get(ObjectNode body, String path) {
        ObjectNode p = parent(body, path, false);
        return p == null ? null : p.get(leaf(path));
    }

    static JsonNode remove(ObjectNode body, String path) {
        ObjectNode p = parent(body, path, false);
        return p == null ? null : p.remove(leaf(path));
    }

    /** False when a parent on the path exists but is not an object. */
    static boolean set(ObjectNode body, String path, JsonNode value) {
        ObjectNode p = parent(body, path, true);
        if (p == null) return false;
        p.set(leaf(path), value);
        return true;
    }
}
