package dev.arouter.translate.ir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A function tool. {@code parameters} is plain JSON Schema (Gemini's OpenAPI-subset
 * {@code parameters} is converted on decode); null means "no arguments".
 */
public record ToolDefinition(String name, String description, ObjectNode parameters, Boolean strict) {}
