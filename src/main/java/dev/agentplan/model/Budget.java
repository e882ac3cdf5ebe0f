package dev.agentplan.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Limits of one run; a null field is unlimited.
 *
 * @param prices per model name, what its tokens cost (model loops charge {@code cost} from these)
 */
public record Budget(Integer toolCalls, Integer steps, Duration duration, BigDecimal cost, SourceSpan span,
                     Map<String, ModelPrice> prices) {

    public static final Budget UNLIMITED = new Budget(null, null, null, null, SourceSpan.NONE);

    public Budget {
        // Normalised like number literals, so a cost of 5 and 5.0 are the same budget in text and JSON.
        cost = cost == null ? null : Expr.NumberLiteral.normalise(cost);
        prices = prices == null ? Map.of() : Ordered.map(prices);
    }

    public Budget(Integer toolCalls, Integer steps, Duration duration, BigDecimal cost, SourceSpan span) {
        this(toolCalls, steps, duration, cost, span, Map.of());
    }

    public boolean isUnlimited() {
        return toolCalls == null && steps == null && duration == null && cost == null && prices.isEmpty();
    }

    /**
     * {@code price "model" { prompt 0.15  completion 0.6 }}: the price of a million prompt
     * (input) and completion (output) tokens of one model, in the unit of {@code cost}.
     */
    public record ModelPrice(BigDecimal prompt, BigDecimal completion, SourceSpan span) {
        public ModelPrice {
            prompt = prompt == null ? BigDecimal.ZERO : Expr.NumberLiteral.normalise(prompt);
            completion = completion == null ? BigDecimal.ZERO : Expr.NumberLiteral.normalise(completion);
        }

        /** What a turn that used these tokens costs. */
        public BigDecimal of(long promptTokens, long completionTokens) {
            return prompt.multiply(BigDecimal.valueOf(promptTokens)).add(completion.multiply(
                    BigDecimal.valueOf(completionTokens))).movePointLeft(6);
        }
    }
}
