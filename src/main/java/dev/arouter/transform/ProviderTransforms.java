package dev.arouter.transform;

import java.util.List;

/** The rules of one transforms file, {@code transforms/<provider-id>.yaml}, in file order. */
public record ProviderTransforms(String provider, List<TransformRule> rules) {

    /** The rules that apply to calls of this upstream model, in order (often none). */
    public List<TransformRule> rulesFor(String upstreamModel) {
        return rules.stream().filter(r -> r.appliesTo(upstreamModel)).toList();
    }
}
