package dev.fanout.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.AtomicFile;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry of temporary resources, {@code temp/registry.json}. Every change runs under an
 * exclusive lock on {@code temp/registry.lock} (so two fanout processes never lose each other's
 * updates) and is written atomically. A registry that cannot be read is an error naming the
 * file; it is never reset.
 */
public final class Registry {
    static final int FORMAT = 1;
    /*
     * A JVM holds a file lock for the whole process and refuses a second lock on the same file
     * (OverlappingFileLockException), so threads of this process queue here first. This map is
     * the process-wide counterpart of the OS lock table, hence static.
     */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;

    public Registry(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.lockFile = this.file.resolveSibling("registry.lock");
    }

    public Path file() {
        return file;
    }

    /**
     * The entries as last written, sorted by kind and name; empty when there is no registry yet.
     *
     * @throws FanoutException (bad input) naming the file when it cannot be read or is not a valid registry
     */
    public List<RegistryEntry> entries() {
        return List.copyOf(load().values());
    }

    /** The entry of one resource, if registered. */
    public Optional<RegistryEntry> entry(ResourceKind kind, String name) {
        return Optional.ofNullable(load().get(RegistryEntry.key(kind, name)));
    }

    /** A change to the registry's entries; it may also create, move or delete resource files. */
    @FunctionalInterface
    public interface Change<T> {
        T apply(Map<String, RegistryEntry> entries) throws IOException;
    }

    /**
     * Reads the registry, applies {@code change} to its entries (keyed by {@link RegistryEntry#key()}),
     * and writes it back when they changed, all under the lock. {@code change} may also create or
     * delete resource files: nothing else changes the registry meanwhile.
     *
     * @return what {@code change} returns
     * @throws FanoutException when the registry is not valid, or the lock or the write fails
     */
    public <T> T update(Change<T> change) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        if (local.isHeldByCurrentThread()) {
            throw new IllegalStateException("registry update inside an update of " + file);
        }
        local.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.lock()) {
                assert held.isValid();
                TreeMap<String, RegistryEntry> before = load();
                TreeMap<String, RegistryEntry> entries = new TreeMap<>(before);
                T result = change.apply(entries);
                if (!entries.equals(before)) {
                    AtomicFile.write(file, render(entries.values()));
                }
                return result;
            }
        } catch (IOException e) {
            throw new FanoutException(
                    FanoutException.FAILED, "cannot update temporary resources (" + file.getParent() + "): " + e, e);
        } finally {
            local.unlock();
        }
    }

    private TreeMap<String, RegistryEntry> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw FanoutException.badInput(file + ": cannot read the registry: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw corrupt(at, "not valid JSON (" + dev.fanout.Location.parserMessage(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw FanoutException.badInput(file + ": cannot read the registry: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("resources").isArray()) {
            throw corrupt("", "not a registry: expected an object with a 'resources' list");
        }
        TreeMap<String, RegistryEntry> entries = new TreeMap<>();
        int i = 0;
        for (JsonNode node : root.get("resources")) {
            RegistryEntry e = parse(node, "resources[" + i++ + "]");
            if (entries.put(e.key(), e) != null) {
                throw corrupt("", e.kind() + " '" + e.name() + "' is listed twice");
            }
        }
        return entries;
    }

    private RegistryEntry parse(JsonNode n, String where) {
        if (!n.isObject()) {
            throw corrupt("", where + " is not an object");
        }
        String kindText = n.path("kind").asText("");
        ResourceKind kind =
                "skill".equals(kindText) ? ResourceKind.SKILL : "agent".equals(kindText) ? ResourceKind.AGENT : null;
        if (kind == null) {
            throw corrupt("", where + ": 'kind' must be \"skill\" or \"agent\"");
        }
        String name = n.path("name").asText("");
        if (!n.path("name").isTextual() || ResourceKind.nameProblem(name) != null) {
            throw corrupt("", where + ": 'name' is not a valid " + kind + " name");
        }
        where = where + " (" + kind + " '" + name + "')";
        CreatedBy createdBy = CreatedBy.fromLabel(n.path("created_by").asText(null));
        if (createdBy == null) {
            throw corrupt("", where + ": 'created_by' must be \"hand\" or \"auto\"");
        }
        JsonNode count = n.path("usage_count");
        if (!count.canConvertToInt() || !count.isIntegralNumber() || count.intValue() < 0) {
            throw corrupt("", where + ": 'usage_count' must be a whole number, 0 or more");
        }
        if (!n.path("useful").isBoolean()) {
            throw corrupt("", where + ": 'useful' must be true or false");
        }
        return new RegistryEntry(
                kind,
                name,
                Path.of(n.path("path").asText("")),
                n.path("description").asText(""),
                strings(n.path("capabilities"), where),
                strings(n.path("tools"), where),
                createdBy,
                instant(n.path("created_at"), where, "created_at", false),
                instant(n.path("last_used"), where, "last_used", true),
                count.intValue(),
                n.get("useful").booleanValue());
    }

    private List<String> strings(JsonNode n, String where) {
        List<String> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw corrupt("", where + ": capabilities and tools must be lists of strings");
        }
        n.forEach(s -> out.add(s.asText()));
        return out;
    }

    private Instant instant(JsonNode n, String where, String key, boolean optional) {
        if (optional && (n.isMissingNode() || n.isNull())) {
            return null;
        }
        try {
            return Instant.parse(n.asText(""));
        } catch (DateTimeParseException e) {
            throw corrupt("", where + ": '" + key + "' must be a time like 2025-01-31T12:00:00Z");
        }
    }

    private FanoutException corrupt(String at, String what) {
        return FanoutException.badInput(file + at + ": the registry of temporary resources is damaged: " + what
                + "; fanout does not reset it: fix the file, or move it away to start a new one");
    }

    private static byte[] render(Iterable<RegistryEntry> entries) throws JsonProcessingException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", FORMAT);
        ArrayNode list = root.putArray("resources");
        for (RegistryEntry e : entries) {
            ObjectNode n = list.addObject();
            n.put("kind", e.kind().label());
            n.put("name", e.name());
            n.put("path", e.path().toString());
            n.put("description", e.description());
            if (e.kind() == ResourceKind.SKILL) {
                e.capabilities().forEach(n.putArray("capabilities")::add);
            } else {
                e.tools().forEach(n.putArray("tools")::add);
            }
            n.put("created_by", e.createdBy().label());
            n.put("created_at", e.createdAt().toString());
            if (e.lastUsed() == null) {
                n.putNull("last_used");
            } else {
                n.put("last_used", e.lastUsed().toString());
            }
            n.put("usage_count", e.usageCount());
            n.put("useful", e.useful());
        }
        String text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
