package dev.arouter.translate;

import dev.arouter.translate.anthropic.AnthropicErrorDecoder;
import dev.arouter.translate.anthropic.AnthropicErrorEncoder;
import dev.arouter.translate.anthropic.AnthropicRequestDecoder;
import dev.arouter.translate.anthropic.AnthropicRequestEncoder;
import dev.arouter.translate.anthropic.AnthropicResponseDecoder;
import dev.arouter.translate.anthropic.AnthropicResponseEncoder;
import dev.arouter.translate.anthropic.AnthropicStreamDecoder;
import dev.arouter.translate.anthropic.AnthropicStreamEncoder;
import dev.arouter.translate.gemini.GeminiErrorDecoder;
import dev.arouter.translate.gemini.GeminiErrorEncoder;
import dev.arouter.translate.gemini.GeminiRequestDecoder;
import dev.arouter.translate.gemini.GeminiRequestEncoder;
import dev.arouter.translate.gemini.GeminiResponseDecoder;
import dev.arouter.translate.gemini.GeminiResponseEncoder;
import dev.arouter.translate.gemini.GeminiStreamDecoder;
import dev.arouter.translate.gemini.GeminiStreamEncoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.openai.OpenAiErrorDecoder;
import dev.arouter.translate.openai.OpenAiErrorEncoder;
import dev.arouter.translate.openai.OpenAiRequestDecoder;
import dev.arouter.translate.openai.OpenAiRequestEncoder;
import dev.arouter.translate.openai.OpenAiResponseDecoder;
import dev.arouter.translate.openai.OpenAiResponseEncoder;
import dev.arouter.translate.openai.OpenAiStreamDecoder;
import dev.arouter.translate.openai.OpenAiStreamEncoder;

/**
 * Factory for every codec by family: the N decoders and M encoders around the IR. Stateless
 * codecs may be shared; stream decoders/encoders are per stream.
 */
public final class Codecs {
    private Codecs() {}

    public static ChatRequestDecoder requestDecoder(Family f) {
        return switch (f) {
            case OPENAI -> new OpenAiRequestDecoder();
            case ANTHROPIC -> new AnthropicRequestDecoder();
            case GEMINI -> new GeminiRequestDecoder();
        };
    }

    /** @param defaultMaxTokens used by Anthropic (max_tokens is required there) when the request has none */
    public static ChatRequestEncoder requestEncoder(Family f, int defaultMaxTokens) {
        return switch (f) {
            case OPENAI -> new OpenAiRequestEncoder();
            case ANTHROPIC -> new AnthropicRequestEncoder(defaultMaxTokens);
            case GEMINI -> new GeminiRequestEncoder();
        };
    }

    public static ChatResponseDecoder responseDecoder(Family f) {
        return switch (f) {
            case OPENAI -> new OpenAiResponseDecoder();
            case ANTHROPIC -> new AnthropicResponseDecoder();
            case GEMINI -> new GeminiResponseDecoder();
        };
    }

    public static ChatResponseEncoder responseEncoder(Family f) {
        return switch (f) {
            case OPENAI -> new OpenAiResponseEncoder();
            case ANTHROPIC -> new AnthropicResponseEncoder();
            case GEMINI -> new GeminiResponseEncoder();
        };
    }

    public static StreamDecoder streamDecoder(Family upstream) {
        return switch (upstream) {
            case OPENAI -> new OpenAiStreamDecoder();
            case ANTHROPIC -> new AnthropicStreamDecoder();
            case GEMINI -> new GeminiStreamDecoder();
        };
    }

    /** @param clientWantsUsage the client's include_usage (only OpenAI clients can say no) */
    public static StreamEncoder streamEncoder(Family client, boolean clientWantsUsage) {
        return switch (client) {
            case OPENAI -> new OpenAiStreamEncoder(clientWantsUsage);
            case ANTHROPIC -> new AnthropicStreamEncoder();
            case GEMINI -> new GeminiStreamEncoder();
        };
    }

    public static ErrorDecoder errorDecoder(Family f) {
        return switch (f) {
            case OPENAI -> new OpenAiErrorDecoder();
            case ANTHROPIC -> new AnthropicErrorDecoder();
            case GEMINI -> new GeminiErrorDecoder();
        };
    }

    public static ErrorEncoder errorEncoder(Family f) {
        return switch (f) {
            case OPENAI -> new OpenAiErrorEncoder();
            case ANTHROPIC -> new AnthropicErrorEncoder();
            case GEMINI -> new GeminiErrorEncoder();
        };
    }

    /**
     * An upstream's error response, re-expressed for the client: decoded, re-framed with
     * {@link ApiError#asUpstreamFailure()} (upstream credential problems become 502), then encoded
     * in the client's family with that family's status conventions.
     *
     * @param retryAfterHeader the upstream's {@code retry-after} header value, or null
     */
    public static ErrorEncoder.EncodedError upstreamErrorForClient(Family upstream, int status, String body,
                                                                   String retryAfterHeader, Family client) {
        ApiError e = errorDecoder(upstream).decode(status, body);
        if (e.retryAfterSeconds() == null) e = e.withRetryAfterHeader(retryAfterHeader);
        return errorEncoder(client).encode(e.asUpstreamFailure());
    }
}
