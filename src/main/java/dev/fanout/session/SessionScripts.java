package dev.fanout.session;

import dev.fanout.FanoutException;
import dev.fanout.config.Config;
import dev.fanout.merge.MergeStrategy;
import dev.fanout.merge.StrategyRegistry;
import dev.fanout.script.ScriptBridge;
import dev.fanout.script.ScriptDefinition;
import dev.fanout.script.ScriptHost;
import dev.fanout.script.ScriptOptions;
import dev.fanout.script.ScriptRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * The session's JavaScript: one bridge, made when a script first needs one, whose registered
 * merges join the session's strategies. Nothing of Nashorn loads until then.
 */
final class SessionScripts implements AutoCloseable {
    private final ScriptHost host;
    private final java.util.function.Supplier<StrategyRegistry> strategies;
    private ScriptBridge bridge;
    private ScriptOptions options;

    SessionScripts(ScriptHost host, java.util.function.Supplier<StrategyRegistry> strategies) {
        this.host = host;
        this.strategies = strategies;
    }

    /**
     * The bridge, made on first use with the configuration's script options; when those changed
     * ({@code set allow_java}, a new time limit), a fresh bridge takes over the definitions.
     */
    synchronized ScriptBridge bridge(Config config) {
        ScriptOptions wanted = ScriptOptions.from(config);
        if (bridge == null) {
            bridge = connect(new ScriptBridge(host, wanted, Path.of("").toAbsolutePath()));
            options = wanted;
        } else if (!wanted.equals(options)) {
            List<ScriptDefinition> kept = bridge.definitions();
            replace(wanted, kept);
        }
        return bridge;
    }

    /** Whether any script has been set up (so there may be definitions to save). */
    synchronized boolean started() {
        return bridge != null;
    }

    synchronized List<ScriptDefinition> definitions() {
        return bridge == null ? List.of() : bridge.definitions();
    }

    /**
     * Replaces the bridge by a fresh one holding {@code saved}; the current one stays if that fails.
     *
     * @throws FanoutException naming the definition that no longer evaluates
     */
    synchronized void restore(Config config, List<ScriptDefinition> saved) {
        if (!saved.isEmpty()) {
            replace(ScriptOptions.from(config), saved);
        }
    }

    private void replace(ScriptOptions wanted, List<ScriptDefinition> saved) {
        ScriptBridge fresh = new ScriptBridge(host, wanted, Path.of("").toAbsolutePath());
        try {
            fresh.restore(saved);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        if (bridge != null) {
            bridge.registry().merges().forEach(m -> strategies.get().remove(m.name()));
            bridge.close();
        }
        bridge = connect(fresh);
        options = wanted;
    }

    /** Stops running scripts (Ctrl-C). */
    synchronized void cancel() {
        if (bridge != null) {
            bridge.cancel();
        }
    }

    private ScriptBridge connect(ScriptBridge b) {
        b.registry().addListener(new ScriptRegistry.Listener() {
            @Override
            public void mergeRegistered(MergeStrategy strategy, String origin) {
                strategies.get().register(strategy, "script: " + origin);
            }

            @Override
            public void mergeRemoved(String name) {
                strategies.get().remove(name);
            }
        });
        return b;
    }

    @Override
    public synchronized void close() {
        if (bridge != null) {
            bridge.close();
        }
    }
}
