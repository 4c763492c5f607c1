package dev.arouter.translate;

import dev.arouter.catalog.Model;
import dev.arouter.translate.gemini.GeminiRequestEncoder;

/** Where each API family takes a chat call, below the provider's base URL. */
public final class UpstreamPaths {

    private UpstreamPaths() {
    }

    public static String chat(Model model, boolean stream) {
        return switch (model.provider().apiFamily()) {
            case OPENAI -> "/chat/completions";            // base URL ends in /v1
            case ANTHROPIC -> "/v1/messages";               // base URL is the host root
            case GEMINI -> "/v1beta/" + GeminiRequestEncoder.path(model.upstreamId(), stream);
        };
    }
}
