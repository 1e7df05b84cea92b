package dev.fanout.script;

import java.util.Objects;

/**
 * A piece of JavaScript that registered merges or pipelines, kept as source so a saved session
 * can bring them back by evaluating it again.
 *
 * @param origin where the source came from, for messages: a file path or {@code <expression>}
 * @param source the JavaScript as it was evaluated
 */
public record ScriptDefinition(String origin, String source) {

    public ScriptDefinition {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(source, "source");
    }
}
