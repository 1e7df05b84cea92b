package dev.fanout.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which task {@code env} variables hold secrets, the one place that decides it. A secret's value
 * is stored as {@value #MASK} in every file fanout writes (run records, session snapshots) and
 * in what it prints; only the task's process sees the value itself.
 *
 * <p>A name is secret when it contains TOKEN, SECRET, KEY or PASSWORD, or is listed in
 * {@code secret_env}, ignoring case.
 *
 * @param listed the names {@code secret_env} adds, upper-cased
 */
public record SecretEnv(Set<String> listed) {
    /** What a secret's value is stored and shown as. */
    public static final String MASK = "***";

    private static final List<String> WORDS = List.of("TOKEN", "SECRET", "KEY", "PASSWORD");

    public SecretEnv {
        listed = listed.stream().map(n -> n.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The names that look secret, plus {@code secretEnv} (a configuration's {@code secret_env}). */
    public static SecretEnv of(List<String> secretEnv) {
        return new SecretEnv(Set.copyOf(secretEnv));
    }

    public boolean isSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return listed.contains(upper) || WORDS.stream().anyMatch(upper::contains);
    }

    /** The environment with every secret's value replaced by {@value #MASK}. */
    public Map<String, String> mask(Map<String, String> env) {
        if (env.keySet().stream().noneMatch(this::isSecret)) {
            return env;
        }
        Map<String, String> masked = new LinkedHashMap<>();
        env.forEach((name, value) -> masked.put(name, isSecret(name) ? MASK : value));
        return masked;
    }

    /** The task with its secrets masked (the task itself when it has none). */
    public Task mask(Task t) {
        Map<String, String> env = mask(t.env());
        return env == t.env() ? t : t.withEnv(env);
    }

    /** The tasks with their secrets masked. */
    public TaskSet mask(TaskSet set) {
        List<Task> masked = new ArrayList<>(set.tasks().size());
        boolean changed = false;
        for (Task t : set.tasks()) {
            Task m = mask(t);
            changed |= m != t;
            masked.add(m);
        }
        return changed ? new TaskSet(set.source(), masked, set.config(), set.configPositions()) : set;
    }

    /** The names of the task's variables whose value was masked when it was stored, so is not known. */
    public List<String> maskedIn(Task t) {
        return t.env().entrySet().stream()
                .filter(e -> MASK.equals(e.getValue()) && isSecret(e.getKey()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
