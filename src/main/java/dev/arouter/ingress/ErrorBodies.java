package dev.arouter.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.json.Json;

/** The OpenAI error shape, {@code {"error":{"message","type","param","code"}}}. */
public final class ErrorBodies {

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
}
