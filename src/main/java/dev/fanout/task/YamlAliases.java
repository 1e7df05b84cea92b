package dev.fanout.task;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML parser that gives an alias ({@code *name}) the list or object its anchor ({@code &name})
 * stands for. Jackson's streaming YAML parser reports an alias as a string holding the anchor's name,
 * which read {@code command: *cmd} as a program called "cmd". Anchored values are recorded as they
 * stream past, and an alias replays its recording, positioned at the alias for messages.
 */
final class YamlAliases extends JsonParserDelegate {
    /** Tokens replayed from aliases, in all: aliases of aliases grow exponentially ("billion laughs"). */
    static final long REPLAY_LIMIT = 20_000_000;

    private final YAMLParser yaml;
    private final Map<String, TokenBuffer> anchors = new HashMap<>();
    private final ArrayDeque<Recording> recordings = new ArrayDeque<>();
    private JsonParser replay;
    private JsonLocation aliasAt;
    private long replayed;

    private static final class Recording {
        final String anchor;
        final TokenBuffer buffer;
        int depth;

        Recording(String anchor, TokenBuffer buffer) {
            this.anchor = anchor;
            this.buffer = buffer;
        }
    }

    YamlAliases(YAMLParser yaml) {
        super(yaml);
        this.yaml = yaml;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (replay != null) {
            JsonToken t = replay.nextToken();
            if (t != null) {
                return replayed(t);
            }
            replay.close();
            replay = null;
            delegate = yaml;
        }
        JsonToken t = yaml.nextToken();
        if (t == null) {
            return null;
        }
        if (yaml.isCurrentAlias()) {
            String name = yaml.getText();
            TokenBuffer value = anchors.get(name);
            if (value == null) {
                throw new JsonParseException(
                        yaml,
                        "the alias *" + name + " names no list or object anchored before it (&" + name
                                + "); aliases of lists and objects are read, of single values not: write the value out");
            }
            aliasAt = yaml.currentTokenLocation();
            replay = value.asParser(yaml.getCodec());
            delegate = replay;
            return replayed(replay.nextToken());
        }
        // Jackson reports the anchors of lists and objects on their start (and repeats it on the
        // first field name); those of single values it loses, hence only lists and objects here
        Object anchor = t.isStructStart() ? yaml.getObjectId() : null;
        if (anchor != null) {
            recordings.push(new Recording(anchor.toString(), new TokenBuffer(yaml)));
        }
        record(yaml, t);
        return t;
    }

    private JsonToken replayed(JsonToken t) throws IOException {
        if (++replayed > REPLAY_LIMIT) {
            throw new JsonParseException(
                    yaml, "aliases expand to more than " + REPLAY_LIMIT + " values; write the repeated values out");
        }
        record(replay, t);
        return t;
    }

    /** Adds the current token to every anchored value still open; stores those it closes. */
    private void record(JsonParser from, JsonToken t) throws IOException {
        if (recordings.isEmpty()) {
            return;
        }
        for (Recording r : recordings) {
            r.buffer.copyCurrentEvent(from);
            if (t.isStructStart()) {
                r.depth++;
            } else if (t.isStructEnd()) {
                r.depth--;
            }
        }
        while (!recordings.isEmpty() && recordings.peek().depth == 0) {
            Recording done = recordings.pop();
            anchors.put(done.anchor, done.buffer);
        }
    }

    /** Skips through {@link #nextToken}, so anchors inside a skipped value are still recorded. */
    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken t = currentToken();
        if (t == null || !t.isStructStart()) {
            return this;
        }
        for (int depth = 1; depth > 0; ) {
            JsonToken next = nextToken();
            if (next == null) {
                return this;
            }
            if (next.isStructStart()) {
                depth++;
            } else if (next.isStructEnd()) {
                depth--;
            }
        }
        return this;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    @Override
    public JsonLocation currentTokenLocation() {
        return replay != null ? aliasAt : yaml.currentTokenLocation();
    }

    @Override
    public JsonLocation currentLocation() {
        return replay != null ? aliasAt : yaml.currentLocation();
    }

    @Override
    @Deprecated
    public JsonLocation getTokenLocation() {
        return currentTokenLocation();
    }

    @Override
    @Deprecated
    public JsonLocation getCurrentLocation() {
        return currentLocation();
    }

    @Override
    public void close() throws IOException {
        if (replay != null) {
            replay.close();
        }
        yaml.close();
    }
}
