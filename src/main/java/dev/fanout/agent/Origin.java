package dev.fanout.agent;

/** Where a skill or agent was found, in lookup order: the first place that has a name wins. */
public enum Origin {
    /** {@code skills/} and {@code agents/} under the home. */
    PERMANENT("permanent"),
    /** A folder named in {@code skill_dirs} or {@code agent_dirs}: read, never written. */
    EXTRA("extra"),
    /** {@code temp/skills/} and {@code temp/agents/}: tracked in the registry, cleaned up. */
    TEMPORARY("temporary");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
