package dev.fanout.exec;

import java.util.Map;

/**
 * The locale the user had, given back to tasks. Under a locale whose character set is not UTF-8,
 * scripts/fanout runs the JVM under {@code LC_ALL=C.UTF-8} (JDK 17 encodes file names and
 * arguments by the locale, and nothing else changes that) and keeps the user's {@code LC_ALL} in
 * {@code FANOUT_USER_LC_ALL}: a task sees the locale it would see outside fanout.
 */
final class UserLocale {
    static final String SAVED = "FANOUT_USER_LC_ALL";

    private UserLocale() {}

    /** Puts the user's {@code LC_ALL} back into a task's environment (empty meant unset). */
    static void restore(Map<String, String> env) {
        String saved = env.remove(SAVED);
        if (saved == null) {
            return;
        }
        if (saved.isEmpty()) {
            env.remove("LC_ALL");
        } else {
            env.put("LC_ALL", saved);
        }
    }
}
