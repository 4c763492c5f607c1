package dev.arouter.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.json.Json;
import java.io.IOException;
import org.apache.camel.Exchange;

/** Reads the client's JSON body; anything but a JSON object is a 400 in the caller's format. */
final class RequestBodies {

    private RequestBodies() {
    }

    static byte[] bytes(Exchange exchange) {
        byte[] body = exchange.getIn().getBody(byte[].class);
        return body == null ? new byte[0] : body;
    }

    static ObjectNode jsonObject(byte[] body) {
        if (body.length == 0) {
            throw GatewayException.badRequest(null,
                    "The request body is empty. Send a JSON object with Content-Type: application/json.");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw GatewayException.badRequest(null, "We could not parse the JSON body of your request: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw GatewayException.badRequest(null, "We could not read the body of your request.");
        }
        if (node == null || !node.isObject()) {
            throw GatewayException.badRequest(null, "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    static String requiredString(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw GatewayException.badRequest(field, "Missing required parameter: '" + field + "'.");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw GatewayException.badRequest(field, "Invalid type for '" + field + "': expected a non-empty string.");
        }
        return v.asText();
    }

    static boolean optionalBoolean(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) {
            throw GatewayException.badRequest(field, "Invalid type for '" + field + "': expected a boolean.");
        }
        return v.booleanValue();
    }

    static void optionalNumber(ObjectNode body, String field, boolean integer, double min, double max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return;
        if (!v.isNumber() || (integer && !v.canConvertToLong()) || (integer && !v.isIntegralNumber())) {
            throw GatewayException.badRequest(field, "Invalid type for '" + field + "': expected "
                    + (integer ? "an integer." : "a number."));
        }
        double d = v.asDouble();
        if (d < min || d > max) {
            throw GatewayException.badRequest(field, "Invalid value for '" + field + "': must be between "
                    + (integer ? String.valueOf((long) min) : String.valueOf(min)) + " and "
                    + (integer ? String.valueOf((long) max) : String.valueOf(max)) + ".");
        }
    }

    static void optionalType(ObjectNode body, String field, String expected, boolean ok) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !ok) {
            throw GatewayException.badRequest(field, "Invalid type for '" + field + "': expected " + expected + ".");
        }
    }
}
