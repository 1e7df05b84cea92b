package dev.fanout.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an agent attempt cost, as Claude Code's JSON reports it ({@code total_cost_usd},
 * {@code usage}'s token counts, {@code num_turns}, {@code session_id}), or a sum of such.
 *
 * @param costUsd dollars spent
 * @param cacheReadTokens {@code usage.cache_read_input_tokens}
 * @param cacheCreationTokens {@code usage.cache_creation_input_tokens}
 * @param sessionId the agent's session, for one attempt; null in a sum
 */
public record Usage(
        double costUsd,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheCreationTokens,
        long turns,
        String sessionId) {

    /** Nothing spent: what sums start from. */
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, null);

    /** The figures in an agent's JSON, or null when it gives none (not Claude Code's JSON). */
    public static Usage ofAgentJson(JsonNode out) {
        JsonNode u = out.path("usage");
        if (!out.has("total_cost_usd") && !u.isObject() && !out.has("num_turns")) {
            return null;
        }
        return read(out, u);
    }

    /** Both added up; a sum names no session. */
    public Usage plus(Usage o) {
        if (o == null) {
            return this;
        }
        return new Usage(
                costUsd + o.costUsd,
                inputTokens + o.inputTokens,
                outputTokens + o.outputTokens,
                cacheReadTokens + o.cacheReadTokens,
                cacheCreationTokens + o.cacheCreationTokens,
                turns + o.turns,
                null);
    }

    /** The cost rounded to a millionth of a dollar, so sums of decimal figures read as decimals. */
    public double roundedCost() {
        return BigDecimal.valueOf(costUsd).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }

    /** The cost as people write dollars: "0.52 USD" (more decimals under a cent). */
    public String costText() {
        return dollars(costUsd) + " USD";
    }

    /** Dollars with two decimals, or as many as a sum under a cent needs. */
    public static String dollars(double usd) {
        BigDecimal c = BigDecimal.valueOf(usd).setScale(6, RoundingMode.HALF_UP);
        return c.signum() != 0 && c.compareTo(BigDecimal.valueOf(0.01)) < 0
                ? c.stripTrailingZeros().toPlainString()
                : c.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** As run.json holds it: the field names of Claude Code's JSON. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("total_cost_usd", roundedCost());
        o.put("input_tokens", inputTokens);
        o.put("output_tokens", outputTokens);
        o.put("cache_read_input_tokens", cacheReadTokens);
        o.put("cache_creation_input_tokens", cacheCreationTokens);
        o.put("num_turns", turns);
        if (sessionId != null) {
            o.put("session_id", sessionId);
        }
        return o;
    }

    /** Reads what {@link #toJson} wrote; null for a missing node. */
    public static Usage fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            return null;
        }
        return read(o, o);
    }

    /** The record keeps Claude Code's key names; only the agent nests the tokens under "usage". */
    private static Usage read(JsonNode o, JsonNode tokens) {
        return new Usage(
                o.path("total_cost_usd").asDouble(0),
                tokens.path("input_tokens").asLong(0),
                tokens.path("output_tokens").asLong(0),
                tokens.path("cache_read_input_tokens").asLong(0),
                tokens.path("cache_creation_input_tokens").asLong(0),
                o.path("num_turns").asLong(0),
                o.path("session_id").isTextual() ? o.get("session_id").asText() : null);
    }
}
