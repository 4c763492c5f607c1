package dev.arouter.catalog;

import java.math.BigDecimal;
import java.math.MathContext;

/** Prices in USD per million tokens; {@link #cost} turns token counts into USD. */
public record Pricing(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    public static final Pricing FREE = new Pricing(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /**
     * Cost of one call. {@code promptTokens} includes {@code cachedTokens} (OpenAI convention), so
     * cached tokens are charged once, at the cached price; {@code completionTokens} includes
     * reasoning tokens, charged at the output price.
     */
    public BigDecimal cost(long promptTokens, long cachedTokens, long completionTokens) {
        long uncached = Math.max(0, promptTokens - cachedTokens);
        BigDecimal micros = input.multiply(BigDecimal.valueOf(uncached))
                .add(cachedInput.multiply(BigDecimal.valueOf(Math.min(cachedTokens, promptTokens))))
                .add(output.multiply(BigDecimal.valueOf(completionTokens)));
        return micros.divide(MILLION, MathContext.DECIMAL64).stripTrailingZeros();
    }

    /** Price of one token, as a plain decimal string (the shape /v1/models publishes). */
    public static String perToken(BigDecimal perMillion) {
        return perMillion.divide(MILLION, MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
    }
}
