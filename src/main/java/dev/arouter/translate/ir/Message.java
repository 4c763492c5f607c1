package dev.arouter.translate.ir;

import java.util.ArrayList;
import java.util.List;

/** One conversation turn. The part list is mutable so decoders can merge turns. */
public record Message(Role role, List<Part> parts) {

    public Message(Role role) {
        this(role, new ArrayList<>());
    }

    public static Message of(Role role, Part... parts) {
        return new Message(role, new ArrayList<>(List.of(parts)));
    }

    public boolean hasToolResults() {
        return parts.stream().anyMatch(p -> p instanceof Part.ToolResult);
    }
}
