package dev.arouter.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Parses and validates an OpenAI chat completions body. Leaves the parsed {@link ObjectNode} as
 * the message body and records model, stream and usage wishes in the {@link RequestContext}.
 */
@Component("readChatRequest")
public class ReadChatRequest implements Processor {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        byte[] raw = RequestBodies.bytes(exchange);
        ObjectNode body = RequestBodies.jsonObject(raw);
        String model = RequestBodies.requiredString(body, "model");
        validateMessages(body);
        boolean stream = RequestBodies.optionalBoolean(body, "stream");
        JsonNode streamOptions = body.get("stream_options");
        RequestBodies.optionalType(body, "stream_options", "an object", streamOptions != null && streamOptions.isObject());
        if (streamOptions != null && !streamOptions.isNull() && !stream) {
            throw GatewayException.badRequest("stream_options",
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        RequestBodies.optionalNumber(body, "max_tokens", true, 1, Integer.MAX_VALUE);
        RequestBodies.optionalNumber(body, "max_completion_tokens", true, 1, Integer.MAX_VALUE);
        RequestBodies.optionalNumber(body, "temperature", false, 0, 2);
        RequestBodies.optionalNumber(body, "top_p", false, 0, 1);
        RequestBodies.optionalNumber(body, "n", true, 1, 128);
        RequestBodies.optionalType(body, "tools", "an array", body.path("tools").isArray());
        RequestBodies.optionalType(body, "stop", "a string or an array",
                body.path("stop").isTextual() || body.path("stop").isArray());
        RequestBodies.optionalType(body, "response_format", "an object", body.path("response_format").isObject());

        ctx.modelRequested(model);
        ctx.stream(stream);
        ctx.clientWantsUsage(stream && streamOptions != null && streamOptions.path("include_usage").asBoolean(false));
        ctx.usage().estimatePromptFromBytes(raw.length);
        exchange.getIn().setBody(body);
    }

    private static void validateMessages(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw GatewayException.badRequest("messages", "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray()) {
            throw GatewayException.badRequest("messages", "Invalid type for 'messages': expected an array.");
        }
        if (messages.isEmpty()) {
            throw GatewayException.badRequest("messages", "'messages' must contain at least one message.");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String param = "messages[" + i + "]";
            if (!m.isObject()) {
                throw GatewayException.badRequest(param, "Invalid type for '" + param + "': expected an object.");
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                throw GatewayException.badRequest(param + ".role", "Invalid value for '" + param
                        + ".role': expected one of " + ROLES + ".");
            }
            JsonNode content = m.get("content");
            if (content != null && !(content.isNull() || content.isTextual() || content.isArray())) {
                throw GatewayException.badRequest(param + ".content", "Invalid type for '" + param
                        + ".content': expected a string, an array of content parts, or null.");
            }
        }
    }
}
