package dev.arouter.translate.ir;

import java.util.List;

/** Embeddings in the internal representation: texts in, one vector per text out, in order. */
public final class Embeddings {

    private Embeddings() {
    }

    /** @param dimensions requested output size, or null for the model's default */
    public record Request(String model, List<String> inputs, Integer dimensions) {
    }

    /** @param promptTokens as reported by the provider, or null when it reports none (Gemini) */
    public record Response(List<float[]> vectors, Long promptTokens) {
    }
}
