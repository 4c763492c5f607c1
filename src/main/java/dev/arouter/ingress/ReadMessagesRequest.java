package dev.arouter.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.Family;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Parses and validates an Anthropic Messages body ({@code POST /v1/messages}); errors are answered
 * in Anthropic's shape. The {@code anthropic-version} and {@code anthropic-beta} headers are kept
 * to pass on when the provider is Anthropic itself.
 */
@Component("readMessagesRequest")
public class ReadMessagesRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        ctx.clientFamily(Family.ANTHROPIC);
        for (String h : new String[] {"anthropic-version", "anthropic-beta"}) {
            String v = exchange.getIn().getHeader(h, String.class);
            if (v != null && !v.isBlank()) ctx.forwardHeaders().put(h, v);
        }
        byte[] raw = RequestBodies.bytes(exchange);
        ObjectNode body = RequestBodies.jsonObject(raw);
        String model = RequestBodies.requiredString(body, "model");
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw GatewayException.badRequest("messages", "'messages' must be a non-empty array.");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText("");
            if (!m.isObject() || !(role.equals("user") || role.equals("assistant"))) {
                throw GatewayException.badRequest("messages." + i + ".role",
                        "messages." + i + ".role: expected 'user' or 'assistant'.");
            }
            JsonNode content = m.get("content");
            if (content == null || !(content.isTextual() || content.isArray())) {
                throw GatewayException.badRequest("messages." + i + ".content",
                        "messages." + i + ".content: expected a string or an array of content blocks.");
            }
        }
        RequestBodies.optionalNumber(body, "max_tokens", true, 1, Integer.MAX_VALUE);
        RequestBodies.optionalNumber(body, "temperature", false, 0, 1);
        RequestBodies.optionalType(body, "system", "a string or an array of text blocks",
                body.path("system").isTextual() || body.path("system").isArray());
        RequestBodies.optionalType(body, "tools", "an array", body.path("tools").isArray());
        ctx.modelRequested(model);
        ctx.stream(RequestBodies.optionalBoolean(body, "stream"));
        ctx.clientWantsUsage(true); // Anthropic streams always carry usage
        ctx.usage().estimatePromptFromBytes(raw.length);
        exchange.getIn().setBody(body);
    }
}
