package dev.arouter.translate.ir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Structured-output request: plain text, any JSON object, or JSON matching {@code schema}. */
public record ResponseFormat(Type type, String name, String description, ObjectNode schema, Boolean strict) {

    public enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

    public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, null, null);
}
