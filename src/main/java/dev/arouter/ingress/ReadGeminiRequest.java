package dev.arouter.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.Family;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Parses a Gemini-native call, {@code POST /v1beta/models/{model}:{method}} (or {@code /v1/...},
 * which the google-genai SDK uses by default). The model is a
 * catalog id whose slash may come raw or %2F-encoded ({@code models/openai/gpt-5.4}); the method
 * ({@value #METHOD} property) is {@code generateContent}, {@code streamGenerateContent},
 * {@code countTokens}, {@code embedContent} or {@code batchEmbedContents}. Errors
 * are answered in Gemini's shape.
 */
@Component("readGeminiRequest")
public class ReadGeminiRequest implements Processor {

    /** Exchange property: the Gemini method called. */
    public static final String METHOD = "arouterGeminiMethod";
    private static final java.util.List<String> METHODS = java.util.List.of(
            "generateContent", "streamGenerateContent", "countTokens", "embedContent", "batchEmbedContents");
    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("/v1(beta)?/models/");

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        ctx.clientFamily(Family.GEMINI);
        String uri = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) uri = exchange.getIn().getHeader(Exchange.HTTP_PATH, "", String.class);
        int q = uri.indexOf('?');
        if (q >= 0) uri = uri.substring(0, q);
        java.util.regex.Matcher at = PREFIX.matcher(uri);
        String rest = at.find() ? URLDecoder.decode(uri.substring(at.end()), StandardCharsets.UTF_8) : "";
        int colon = rest.lastIndexOf(':');
        if (colon <= 0) {
            throw new GatewayException(404, "not_found_error", null, null,
                    "Expected POST /v1beta/models/{model}:generateContent or :streamGenerateContent.");
        }
        String model = rest.substring(0, colon);
        if (model.startsWith("models/")) model = model.substring("models/".length());
        String method = rest.substring(colon + 1);
        if (!METHODS.contains(method)) {
            throw new GatewayException(404, "not_found_error", null, null,
                    "The method '" + method + "' is not served; use one of " + METHODS + ".");
        }
        byte[] raw = RequestBodies.bytes(exchange);
        ObjectNode body = RequestBodies.jsonObject(raw);
        switch (method) {
            case "embedContent" -> {
                if (!body.path("content").path("parts").isArray()) {
                    throw GatewayException.badRequest("content", "'content.parts' must be an array.");
                }
                ctx.embeddings(true);
            }
            case "batchEmbedContents" -> {
                if (!body.path("requests").isArray() || body.path("requests").isEmpty()) {
                    throw GatewayException.badRequest("requests", "'requests' must be a non-empty array.");
                }
                ctx.embeddings(true);
            }
            default -> {
                JsonNode contents = body.get("contents");
                if (contents == null || !contents.isArray() || contents.isEmpty()) {
                    throw GatewayException.badRequest("contents", "'contents' must be a non-empty array.");
                }
            }
        }
        ctx.modelRequested(model);
        ctx.stream(method.equals("streamGenerateContent"));
        ctx.clientWantsUsage(true); // Gemini chunks always carry usageMetadata
        ctx.usage().estimatePromptFromBytes(raw.length);
        exchange.setProperty(METHOD, method);
        exchange.getIn().setBody(body);
    }
}
