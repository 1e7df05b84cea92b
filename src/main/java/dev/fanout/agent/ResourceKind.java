package dev.fanout.agent;

import dev.fanout.FanoutException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The two kinds of resource fanout manages, and the name rule both share. */
public enum ResourceKind {
    SKILL("skill"),
    AGENT("agent");

    /** The Agent Skills name rule: lowercase letters and digits in hyphen-separated words. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** Longest name the Agent Skills rule allows. */
    public static final int MAX_NAME_LENGTH = 64;

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    /** "skill" or "agent", as written in the registry and on the command line. */
    public String label() {
        return label;
    }

    /**
     * The kind named by {@code text} ("skill", "agent", any case).
     *
     * @throws FanoutException (bad input) for any other word
     */
    public static ResourceKind parse(String text) {
        for (ResourceKind k : values()) {
            if (k.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return k;
            }
        }
        throw FanoutException.badInput("unknown resource type '" + text + "'; use skill or agent");
    }

    /** Why {@code name} is not a valid resource name, or null when it is. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH + " are allowed";
        }
        if (!NAME.matcher(name).matches()) {
            if (NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                return "has upper-case letters";
            }
            return "may hold only lowercase letters, digits and single hyphens between them";
        }
        return null;
    }

    /**
     * Checks a name that becomes a file or folder name.
     *
     * @return the name
     * @throws FanoutException (bad input) saying what is wrong, with the rule
     */
    public String checkName(String name) {
        String problem = nameProblem(name);
        if (problem != null) {
            throw FanoutException.badInput(label + " name '" + printable(name) + "' " + problem
                    + " (names are lowercase letters, digits and hyphens, like 'api-designer', at most "
                    + MAX_NAME_LENGTH + " characters)");
        }
        return name;
    }

    /**
     * Checks a description fanout is about to write: present, and within the Agent Skills limit.
     *
     * @return the description without surrounding blanks
     * @throws FanoutException (bad input) when it is missing, blank or too long
     */
    public String checkDescription(String description) {
        if (description == null || description.isBlank()) {
            throw FanoutException.badInput(
                    label + " needs a description: say in a sentence what it does and when to use it");
        }
        String d = description.strip();
        if (d.length() > SkillDefinition.MAX_DESCRIPTION) {
            throw FanoutException.badInput(label + " description is " + d.length() + " characters long; at most "
                    + SkillDefinition.MAX_DESCRIPTION + " are allowed");
        }
        return d;
    }

    /** A name as it can be shown on one line. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        String oneLine = name.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }

    @Override
    public String toString() {
        return label;
    }
}
