package dev.fanout.agent;

/**
 * Whether a temporary resource is kept or deleted, which rule decided, and why in words.
 *
 * @param reason one line for the user, with the numbers behind the rule ("used 4 times")
 */
public record LifecycleDecision(ResourceKind kind, String name, Rule rule, String reason) {

    /** The rules, in the order they are tried: the first that applies decides. */
    public enum Rule {
        /** The registry names a resource whose file is gone: its entry is removed. */
        FILE_GONE(false),
        /** Someone said it is useful: kept whatever else holds. */
        MARKED_USEFUL(true),
        /** A permanent (or extra-folder) resource of the same name, or with the same content, exists. */
        REDUNDANT(false),
        /** Used 3 times or more. */
        USED_OFTEN(true),
        /** Used in the last 7 days. */
        USED_RECENTLY(true),
        /** Not used for {@code temp_resource_retention_days} (never used: since it was created). */
        UNUSED_TOO_LONG(false),
        /** Used once, and created more than 7 days ago. */
        USED_ONCE_LONG_AGO(false),
        /** None of the above: young enough to wait for its uses. */
        WITHIN_RETENTION(true),
        /** A file in the temporary folder the registry does not list: fanout deletes only what it tracks. */
        UNTRACKED(true),
        /** It was to be deleted, and deleting failed: it is still there. */
        DELETE_FAILED(true);

        private final boolean keeps;

        Rule(boolean keeps) {
            this.keeps = keeps;
        }

        public boolean keeps() {
            return keeps;
        }
    }

    public boolean keep() {
        return rule.keeps();
    }

    /** "keep" or "delete". */
    public String verdict() {
        return keep() ? "keep" : "delete";
    }
}
