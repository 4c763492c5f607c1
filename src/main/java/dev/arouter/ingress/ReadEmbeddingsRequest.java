package dev.arouter.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Parses and validates an OpenAI embeddings body ({@code model}, {@code input}, encoding). */
@Component("readEmbeddingsRequest")
public class ReadEmbeddingsRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        byte[] raw = RequestBodies.bytes(exchange);
        ObjectNode body = RequestBodies.jsonObject(raw);
        String model = RequestBodies.requiredString(body, "model");
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw GatewayException.badRequest("input", "Missing required parameter: 'input'.");
        }
        if (!(input.isTextual() || input.isArray())) {
            throw GatewayException.badRequest("input", "Invalid type for 'input': expected a string or an array.");
        }
        if ((input.isTextual() && input.asText().isEmpty()) || (input.isArray() && input.isEmpty())) {
            throw GatewayException.badRequest("input", "'input' must not be empty.");
        }
        JsonNode enc = body.get("encoding_format");
        if (enc != null && !enc.isNull() && !("float".equals(enc.asText()) || "base64".equals(enc.asText()))) {
            throw GatewayException.badRequest("encoding_format",
                    "Invalid value for 'encoding_format': expected 'float' or 'base64'.");
        }
        RequestBodies.optionalNumber(body, "dimensions", true, 1, 65536);
        ctx.modelRequested(model);
        ctx.embeddings(true);
        exchange.getIn().setBody(body);
    }
}
