package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/** A bridge with an in-memory host, for tests. */
final class BridgeFixture implements AutoCloseable {
    final InMemoryHost host;
    final ScriptBridge bridge;

    BridgeFixture(Path dir) {
        this(dir, new ScriptOptions(false, 0));
    }

    BridgeFixture(Path dir, ScriptOptions options) {
        host = new InMemoryHost(dir);
        bridge = new ScriptBridge(host, options, dir);
        host.connect(bridge);
    }

    /**
     * A bridge holding {@code definitions}, evaluated as a restore does: outside the time limit,
     * so a test's limit applies only to what the test means it for, however busy the machine.
     */
    BridgeFixture(Path dir, ScriptOptions options, String... definitions) {
        this(dir, options);
        bridge.restore(java.util.Arrays.stream(definitions)
                .map(source -> new ScriptDefinition(ScriptBridge.EXPRESSION, source))
                .toList());
    }

    JsonNode eval(String source) {
        return bridge.evaluate(source).value();
    }

    static JsonNode json(String text) {
        try {
            return InMemoryHost.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        bridge.close();
    }
}
