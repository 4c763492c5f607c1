package dev.arouter.usage;

import dev.arouter.catalog.Model;
import dev.arouter.ingress.RequestContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * One row of {@code usage_records}: metadata only (who, which model, tokens, cost, outcome,
 * timings), never prompt or completion text. The values are in the order of {@link #COLUMNS},
 * which the usage route's positional insert uses: camel-sql re-parses named parameters for every
 * row of a batch, which cost more CPU than the rest of the request path.
 */
public final class UsageRecord {

    public static final List<String> COLUMNS = List.of("request_id", "key_id", "account", "endpoint",
            "model_requested", "model_used", "provider", "prompt_tokens", "completion_tokens", "cached_tokens",
            "reasoning_tokens", "cost_usd", "status", "outcome", "stream", "usage_estimated", "latency_ms",
            "ttfb_ms", "created_at");

    private UsageRecord() {
    }

    public static List<Object> row(RequestContext ctx) {
        UsageMeter u = ctx.usage();
        Model model = ctx.model();
        long prompt = u.promptTokens();
        long cached = u.cachedTokens();
        long completion = u.completionTokens();
        BigDecimal cost = model == null ? BigDecimal.ZERO : model.pricing().cost(prompt, cached, completion);
        Object[] row = {
            ctx.requestId(),
            ctx.apiKey() == null ? null : ctx.apiKey().id(),
            ctx.apiKey() == null ? null : ctx.apiKey().account(),
            ctx.endpoint(),
            ctx.modelRequested(),
            model == null ? null : model.id(),
            model == null ? null : model.provider().id(),
            prompt,
            completion,
            cached,
            u.reasoningTokens(),
            cost,
            ctx.status(),
            ctx.outcome(),
            ctx.stream(),
            u.estimated(),
            ctx.latencyMillis(),
            ctx.firstByteMillis() < 0 ? null : ctx.firstByteMillis(),
            OffsetDateTime.ofInstant(ctx.startedAt(), ZoneOffset.UTC)
        };
        return Arrays.asList(row);
    }
}
