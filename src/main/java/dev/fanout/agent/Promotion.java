package dev.fanout.agent;

import java.nio.file.Path;

/**
 * A temporary resource moved to the permanent place.
 *
 * @param from     where it was (the agent file or the skill folder)
 * @param to       where it is now
 * @param replaced whether a permanent one of that name was replaced ({@code --force})
 */
public record Promotion(ResourceKind kind, String name, Path from, Path to, boolean replaced) {}
