package dev.fanout.agent;

import dev.fanout.agent.LifecycleDecision.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The keep-or-delete rules for temporary resources, tried in this order (the first that applies
 * decides):
 * <ol>
 * <li>its file is gone: delete (the entry);</li>
 * <li>marked useful: keep (a person's word beats every count);</li>
 * <li>redundant, a permanent one of the same name or content exists: delete (lookups find the
 *     permanent one first, so the temporary one is dead weight);</li>
 * <li>used 3 times or more: keep;</li>
 * <li>used in the last 7 days: keep;</li>
 * <li>unused for {@code temp_resource_retention_days}: delete;</li>
 * <li>used once and created more than 7 days ago: delete;</li>
 * <li>otherwise keep: it is young enough to still be used.</li>
 * </ol>
 * Time comes from the clock given, so tests can set it.
 */
public final class Lifecycle {
    /** Uses from which a resource is kept. */
    public static final int OFTEN = 3;
    /** A use this recent keeps a resource; a single use older than this does not. */
    public static final Duration RECENT = Duration.ofDays(7);

    private final Clock clock;
    private final int retentionDays;

    public Lifecycle(Clock clock, int retentionDays) {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("retention days must be 0 or more, not " + retentionDays);
        }
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    /** The time now, to the millisecond (what the registry records). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Decides for one registered resource.
     *
     * @param fileExists whether its file is still there
     * @param redundancy what makes it redundant ("a permanent agent of the same name exists: …"), or null
     * @return the decision, with the rule that made it and the reason in words
     */
    public LifecycleDecision decide(RegistryEntry e, boolean fileExists, String redundancy) {
        Instant now = now();
        Rule rule;
        String reason;
        Age sinceUse = e.lastUsed() == null ? null : Age.between(e.lastUsed(), now);
        Age sinceCreated = Age.between(e.createdAt(), now);
        Age idle = sinceUse == null ? sinceCreated : sinceUse;
        if (!fileExists) {
            rule = Rule.FILE_GONE;
            reason = "its file is gone (" + e.path() + "); the entry is removed";
        } else if (e.useful()) {
            rule = Rule.MARKED_USEFUL;
            reason = "marked useful";
        } else if (redundancy != null) {
            rule = Rule.REDUNDANT;
            reason = redundancy;
        } else if (e.usageCount() >= OFTEN) {
            rule = Rule.USED_OFTEN;
            reason = "used " + e.usageCount() + " times (" + OFTEN + " or more keep it)";
        } else if (sinceUse != null && sinceUse.duration().compareTo(RECENT) <= 0) {
            rule = Rule.USED_RECENTLY;
            reason = "last used " + sinceUse + " ago (within " + RECENT.toDays() + " days)";
        } else if (idle.duration().compareTo(Duration.ofDays(retentionDays)) >= 0) {
            rule = Rule.UNUSED_TOO_LONG;
            reason = (sinceUse == null ? "never used in " + idle : "unused for " + idle)
                    + " (temp_resource_retention_days is " + retentionDays + ")";
        } else if (e.usageCount() == 1 && sinceCreated.duration().compareTo(RECENT) > 0) {
            rule = Rule.USED_ONCE_LONG_AGO;
            reason = "used once, created " + sinceCreated + " ago (more than " + RECENT.toDays() + " days)";
        } else {
            rule = Rule.WITHIN_RETENTION;
            reason = (e.usageCount() == 0
                            ? "not used yet, created " + sinceCreated + " ago"
                            : "used " + times(e.usageCount()) + ", last " + sinceUse + " ago")
                    + "; deleted once unused for " + retentionDays + " days";
        }
        return new LifecycleDecision(e.kind(), e.name(), rule, reason);
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }
}
