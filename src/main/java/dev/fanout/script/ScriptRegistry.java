package dev.fanout.script;

import dev.fanout.merge.MergeStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The merges and pipelines scripts have registered: names, descriptions and where each came
 * from. The JavaScript functions themselves stay inside the engine; a merge strategy handed out
 * here calls its function by name, so it keeps working after the engine is restarted. Reading
 * this registry never starts the engine.
 */
public final class ScriptRegistry {

    /**
     * One registration.
     *
     * @param origin the file or {@code <expression>} whose evaluation registered it
     */
    public record Entry(String name, String description, String origin) {}

    /** Told when scripts register merges, e.g. to add them to the session's strategies. */
    public interface Listener {
        /**
         * A merge was registered, or registered again with a new function.
         *
         * @throws dev.fanout.FanoutException to refuse the name (e.g. it belongs to a built-in
         *     strategy); the registering script then fails with that message and nothing changes
         */
        void mergeRegistered(MergeStrategy strategy, String origin);

        /** A merge went away (the script that registered it failed later, and its registrations were undone). */
        void mergeRemoved(String name);
    }

    private final Function<Entry, MergeStrategy> strategyFactory;
    private final Map<String, MergeStrategy> merges = new LinkedHashMap<>();
    private final Map<String, Entry> mergeEntries = new LinkedHashMap<>();
    private final Map<String, Entry> pipelines = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    ScriptRegistry(Function<Entry, MergeStrategy> strategyFactory) {
        this.strategyFactory = strategyFactory;
    }

    /** Adds a listener and tells it about every merge registered so far. */
    public synchronized void addListener(Listener listener) {
        mergeEntries.forEach((name, entry) -> listener.mergeRegistered(merges.get(name), entry.origin()));
        listeners.add(listener);
    }

    /** The registered merges, in registration order. */
    public synchronized List<Entry> merges() {
        return List.copyOf(mergeEntries.values());
    }

    /** The registered pipelines, in registration order. */
    public synchronized List<Entry> pipelines() {
        return List.copyOf(pipelines.values());
    }

    /** The strategy registered under {@code name}, if any. */
    public synchronized Optional<MergeStrategy> mergeStrategy(String name) {
        return Optional.ofNullable(merges.get(name));
    }

    /** Every registered merge as a strategy, in registration order. */
    public synchronized List<MergeStrategy> mergeStrategies() {
        return new ArrayList<>(merges.values());
    }

    /** The pipeline registered under {@code name}, if any. */
    public synchronized Optional<Entry> pipeline(String name) {
        return Optional.ofNullable(pipelines.get(name));
    }

    synchronized Optional<Entry> mergeEntry(String name) {
        return Optional.ofNullable(mergeEntries.get(name));
    }

    /** Registers or replaces a merge; listeners may refuse it by throwing, and then nothing changes. */
    synchronized void putMerge(Entry entry) {
        MergeStrategy strategy = strategyFactory.apply(entry);
        for (Listener l : listeners) {
            l.mergeRegistered(strategy, entry.origin());
        }
        merges.put(entry.name(), strategy);
        mergeEntries.put(entry.name(), entry);
    }

    /** Puts back what a name had before (null: nothing), as when a failed script's registrations are undone. */
    synchronized void restoreMerge(String name, Entry previous) {
        if (previous == null) {
            merges.remove(name);
            mergeEntries.remove(name);
            listeners.forEach(l -> l.mergeRemoved(name));
        } else {
            MergeStrategy strategy = strategyFactory.apply(previous);
            merges.put(name, strategy);
            mergeEntries.put(name, previous);
            listeners.forEach(l -> l.mergeRegistered(strategy, previous.origin()));
        }
    }

    synchronized void putPipeline(Entry entry) {
        pipelines.put(entry.name(), entry);
    }

    synchronized void restorePipeline(String name, Entry previous) {
        if (previous == null) {
            pipelines.remove(name);
        } else {
            pipelines.put(name, previous);
        }
    }
}
