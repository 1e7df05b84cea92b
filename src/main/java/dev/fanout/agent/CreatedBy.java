package dev.fanout.agent;

import java.util.Locale;

/** How a temporary resource came to be: made by a person, or by fanout during a run. */
public enum CreatedBy {
    HAND("hand"),
    AUTO("auto");

    private final String label;

    CreatedBy(String label) {
        this.label = label;
    }

    /** "hand" or "auto", as written in the registry and in the file's metadata. */
    public String label() {
        return label;
    }

    /** The value for a label, or null when the label is unknown. */
    static CreatedBy fromLabel(String label) {
        for (CreatedBy c : values()) {
            if (c.label.equals(label == null ? null : label.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return label;
    }
}
