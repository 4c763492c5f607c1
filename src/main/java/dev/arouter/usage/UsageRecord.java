package dev.arouter.usage;

import dev.arouter.catalog.Model;
import dev.arouter.ingress.RequestContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * One row of {@code usage_records}: metadata only (who, which model, tokens, cost, outcome,
 * timings), never prompt or completion text. The map keys are the SQL named parameters.
 */
public final class UsageRecord {

    private UsageRecord() {
    }

    public static Map<String, Object> row(RequestContext ctx) {
        UsageMeter u = ctx.usage();
        Model model = ctx.model();
        long prompt = u.promptTokens();
        long cached = u.cachedTokens();
        long completion = u.completionTokens();
        BigDecimal cost = model == null ? BigDecimal.ZERO : model.pricing().cost(prompt, cached, completion);
        Map<String, Object> row = new HashMap<>(32);
        row.put("request_id", ctx.requestId());
        row.put("key_id", ctx.apiKey() == null ? null : ctx.apiKey().id());
        row.put("account", ctx.apiKey() == null ? null : ctx.apiKey().account());
        row.put("endpoint", ctx.endpoint());
        row.put("model_requested", ctx.modelRequested());
        row.put("model_used", model == null ? null : model.id());
        row.put("provider", model == null ? null : model.provider().id());
        row.put("prompt_tokens", prompt);
        row.put("completion_tokens", completion);
        row.put("cached_tokens", cached);
        row.put("reasoning_tokens", u.reasoningTokens());
        row.put("cost_usd", cost);
        row.put("status", ctx.status());
        row.put("outcome", ctx.outcome());
        row.put("stream", ctx.stream());
        row.put("usage_estimated", u.estimated());
        row.put("latency_ms", ctx.latencyMillis());
        row.put("ttfb_ms", ctx.firstByteMillis() < 0 ? null : ctx.firstByteMillis());
        row.put("created_at", OffsetDateTime.ofInstant(ctx.startedAt(), ZoneOffset.UTC));
        return row;
    }
}
