package dev.fanout.cli;

import dev.fanout.exec.Usage;
import java.util.Map;
import java.util.StringJoiner;

/** What agents spent, in one line: "0.25 USD, 1,234 input + 567 output tokens (…), 7 turns; fake 0.20 USD, …". */
final class UsageText {
    private UsageText() {}

    static String of(Usage u, Map<String, Usage> byAgent) {
        StringBuilder s = new StringBuilder(u.costText())
                .append(", ")
                .append(count(u.inputTokens()))
                .append(" input + ")
                .append(count(u.outputTokens()))
                .append(" output tokens");
        if (u.cacheReadTokens() > 0 || u.cacheCreationTokens() > 0) {
            s.append(" (cache: ")
                    .append(count(u.cacheReadTokens()))
                    .append(" read, ")
                    .append(count(u.cacheCreationTokens()))
                    .append(" written)");
        }
        s.append(", ").append(Plural.of(u.turns(), "turn"));
        if (byAgent.size() > 1) {
            StringJoiner agents = new StringJoiner(", ", "; ", "");
            byAgent.forEach((agent, a) -> agents.add(agent + " " + a.costText()));
            s.append(agents);
        }
        return s.toString();
    }

    private static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
