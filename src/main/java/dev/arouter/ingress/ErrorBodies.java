package dev.arouter.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.json.Json;
import dev.arouter.translate.Codecs;
import dev.arouter.translate.ErrorEncoder;
import dev.arouter.translate.ir.ApiError;
import dev.arouter.translate.ir.ErrorKind;
import dev.arouter.translate.ir.Family;
import java.util.Set;

/**
 * The gateway's own errors as each client family expects them: OpenAI's
 * {@code {"error":{"message","type","param","code"}}}, or Anthropic's and Gemini's shapes through
 * their error encoders.
 */
public final class ErrorBodies {

    /** An error ready to send: the status a client of the family expects, and the JSON body. */
    public record Encoded(int status, byte[] body) {}

    /** The methods Gemini's SDKs call after the colon in {@code .../models/{model}:method}. */
    private static final Set<String> GEMINI_METHODS = Set.of(
            "generateContent", "streamGenerateContent", "countTokens", "embedContent", "batchEmbedContents");

    private ErrorBodies() {
    }

    public static ObjectNode openAi(String message, String type, String code, String param) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }

    public static byte[] openAi(GatewayException e) {
        return Json.bytes(openAi(e.getMessage(), e.type(), e.code(), e.param()));
    }

    /** {@code e} in the error shape of a client of {@code family}. */
    public static Encoded inFamily(Family family, GatewayException e) {
        if (family == Family.OPENAI) return new Encoded(e.status(), openAi(e));
        ErrorEncoder.EncodedError encoded = Codecs.errorEncoder(family).encode(
                new ApiError(e.status(), ErrorKind.fromStatus(e.status()), e.getMessage(), e.code(), null));
        return new Encoded(encoded.httpStatus(), Json.bytes(encoded.body()));
    }

    /**
     * The family whose SDKs call this path, for errors answered before any route read the request
     * (an unknown path or method, a body over the limit, a route being reloaded): Anthropic's
     * {@code /v1/messages}, Gemini's {@code .../models/{model}:generateContent} (and its other
     * methods) and anything under {@code /v1beta/}, otherwise OpenAI's (a fine-tuned OpenAI model
     * id such as {@code ft:gpt-4o:acme::id} has colons too).
     */
    public static Family familyOfPath(String path) {
        if (path == null) return Family.OPENAI;
        if (path.equals("/v1/messages") || path.startsWith("/v1/messages/")) return Family.ANTHROPIC;
        if (path.startsWith("/v1beta/")) return Family.GEMINI;
        int colon = path.lastIndexOf(':');
        if (colon > 0 && path.indexOf("/models/") >= 0 && GEMINI_METHODS.contains(path.substring(colon + 1))) {
            return Family.GEMINI;
        }
        return Family.OPENAI;
    }
}
