package dev.fanout.agent;

/**
 * A temporary resource as {@code resources list} shows it: its registry entry, whether its file
 * is there, and what the cleanup would decide.
 *
 * @param entry   the registry entry; for an untracked file, one made up from the file (never used,
 *                created when the file was last changed)
 * @param tracked whether the registry lists it
 */
public record ResourceStatus(RegistryEntry entry, boolean tracked, boolean fileExists, LifecycleDecision decision) {}
