package dev.arouter.matrix;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.MockUpstream;
import java.util.function.Function;

/**
 * Mock-upstream behaviour for the SDK tests: answers in the wire format of whichever family the
 * gateway called (recognised by path), streaming when the gateway asked for a stream.
 */
final class SdkUpstream {
    private SdkUpstream() {
    }

    static final String TEXT = TranslationMatrixTest.TEXT;
    static final String TOOL_TEXT = "I'll check the tide table and convert the speed.";

    static Function<MockUpstream.Received, MockUpstream.Reply> answering(boolean tools) {
        return r -> {
            boolean stream = r.path().endsWith(":streamGenerateContent") || r.body().matches("(?s).*\"stream\"\\s*:\\s*true.*");
            if (r.path().equals("/v1/chat/completions")) {
                return stream ? new MockUpstream.Sse(Fixtures.sseEvents(tools ? "openai/chat-stream-tools.sse" : "openai/chat-stream-text.sse"), 0)
                        : new MockUpstream.Json(200, Fixtures.text(tools ? "openai/chat-tools.response.json" : "openai/chat-text.response.json"));
            }
            if (r.path().equals("/v1/messages")) {
                return stream ? new MockUpstream.Sse(Fixtures.sseEvents(tools ? "anthropic/messages-stream-tools.sse" : "anthropic/messages-stream-text.sse"), 0)
                        : new MockUpstream.Json(200, Fixtures.text(tools ? "anthropic/messages-tools.response.json" : "anthropic/messages-text.response.json"));
            }
            if (r.path().startsWith("/v1beta/models/gemini-2.5-flash:")) {
                return stream ? new MockUpstream.Sse(Fixtures.sseEvents(tools ? "gemini/stream-tools.sse" : "gemini/stream-text.sse"), 0)
                        : new MockUpstream.Json(200, Fixtures.text(tools ? "gemini/generate-tools.response.json" : "gemini/generate-text.response.json"));
            }
            return new MockUpstream.Json(404, "{\"error\":{\"message\":\"mock: unexpected path " + r.path() + "\"}}");
        };
    }

    /** Text the upstream fixture carries before its tool calls (none for OpenAI and non-streaming Gemini). */
    static String toolText(String model, boolean stream) {
        if (model.startsWith("anthropic/")) return TOOL_TEXT;
        if (model.startsWith("google/")) return stream ? TOOL_TEXT : "";
        return "";
    }
}
