package dev.arouter.translate.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Message-sequence normalisation for the families with strict turn rules (Anthropic, Gemini). */
public final class Conversation {
    private Conversation() {}

    /**
     * Returns a copy of {@code messages} where consecutive same-role turns are merged, tool
     * results come first in their user turn, every tool call of an assistant turn is answered in
     * the next user turn (a missing answer is synthesized as an error result "no result", README
     * §4.2), and empty turns are removed. A trailing assistant turn (prefill) is kept as is.
     */
    public static List<Message> normalizeForStrictFamilies(List<Message> messages) {
        List<Message> merged = new ArrayList<>();
        for (Message m : messages) {
            if (m.parts().isEmpty()) continue;
            if (!merged.isEmpty() && merged.getLast().role() == m.role()) {
                merged.getLast().parts().addAll(m.parts());
            } else {
                merged.add(new Message(m.role(), new ArrayList<>(m.parts())));
            }
        }
        for (int i = 0; i < merged.size(); i++) {
            Message m = merged.get(i);
            if (m.role() == Role.USER) {
                List<Part> results = new ArrayList<>();
                List<Part> other = new ArrayList<>();
                for (Part p : m.parts()) (p instanceof Part.ToolResult ? results : other).add(p);
                m.parts().clear();
                m.parts().addAll(results);
                m.parts().addAll(other);
                continue;
            }
            List<Part.ToolCall> calls = m.parts().stream()
                    .filter(p -> p instanceof Part.ToolCall).map(p -> (Part.ToolCall) p).toList();
            if (calls.isEmpty() || i == merged.size() - 1) continue;
            Message next = merged.get(i + 1);
            if (next.role() != Role.USER) continue;
            Set<String> answered = new HashSet<>();
            for (Part p : next.parts()) if (p instanceof Part.ToolResult tr) answered.add(tr.toolCallId());
            List<Part> missing = new ArrayList<>();
            for (Part.ToolCall c : calls) {
                if (!answered.contains(c.id())) missing.add(new Part.ToolResult(c.id(), c.name(), "no result", true));
            }
            int insertAt = (int) next.parts().stream().filter(p -> p instanceof Part.ToolResult).count();
            next.parts().addAll(insertAt, missing);
        }
        return merged;
    }
}
