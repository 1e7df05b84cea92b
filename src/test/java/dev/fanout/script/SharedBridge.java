package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One bridge for all the tests of a class, in a folder of its own: {@code @RegisterExtension
 * static final SharedBridge js = new SharedBridge();}. An engine takes a second or more to warm
 * up on a loaded machine, so tests that leave no state behind share one.
 */
final class SharedBridge implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private BridgeFixture fixture;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("fanout-script-test");
        fixture = new BridgeFixture(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        fixture.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The folder the bridge works in. */
    Path dir() {
        return dir;
    }

    ScriptBridge bridge() {
        return fixture.bridge;
    }

    InMemoryHost host() {
        return fixture.host;
    }

    JsonNode eval(String source) {
        return fixture.eval(source);
    }
}
