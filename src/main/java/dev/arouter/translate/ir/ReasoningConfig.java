package dev.arouter.translate.ir;

import java.util.Locale;

/**
 * Reasoning knobs in one place: OpenAI {@code reasoning_effort}, Anthropic {@code thinking}
 * and Gemini {@code thinkingConfig}. Whichever the client sent is kept; the other form is derived
 * with the fixed table below (the effort budgets follow LiteLLM: low 1024, medium 2048, high 4096).
 *
 * @param enabled         false = thinking explicitly off (effort {@code none}, budget 0,
 *                        {@code thinking.type: disabled}); true = on; null = not specified
 * @param effort          OpenAI-style effort (none/minimal/low/medium/high/xhigh/max), or null
 * @param budgetTokens    token budget, or null (dynamic / unspecified)
 * @param includeThoughts whether thought text should be returned (Gemini includeThoughts), or null
 */
public record ReasoningConfig(Boolean enabled, String effort, Integer budgetTokens, Boolean includeThoughts) {

    public static final ReasoningConfig DISABLED = new ReasoningConfig(false, "none", 0, null);

    public static ReasoningConfig ofEffort(String effort) {
        String e = effort.toLowerCase(Locale.ROOT);
        return "none".equals(e) ? DISABLED : new ReasoningConfig(true, e, null, null);
    }

    public static ReasoningConfig ofBudget(int budget) {
        if (budget == 0) return DISABLED;
        return new ReasoningConfig(true, null, budget < 0 ? null : budget, null);
    }

    public boolean isDisabled() {
        return Boolean.FALSE.equals(enabled);
    }

    /** The budget to send to a budget-based family: explicit budget, else derived from effort, else null. */
    public Integer effectiveBudget() {
        if (isDisabled()) return 0;
        if (budgetTokens != null) return budgetTokens;
        if (effort == null) return null;
        return switch (effort) {
            case "minimal", "low" -> 1024;
            case "medium" -> 2048;
            case "high" -> 4096;
            case "xhigh" -> 8192;
            case "max" -> 16384;
            default -> 2048;
        };
    }

    /** The effort to send to OpenAI: explicit effort, else derived from the budget, else "medium". */
    public String effectiveEffort() {
        if (isDisabled()) return "none";
        if (effort != null) return effort;
        if (budgetTokens == null) return "medium";
        if (budgetTokens <= 1024) return "low";
        if (budgetTokens <= 2048) return "medium";
        return "high";
    }
}
