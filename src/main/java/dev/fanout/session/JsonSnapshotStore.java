package dev.fanout.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.AtomicFile;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.Names;
import dev.fanout.task.TaskJson;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Sessions as {@code sessions/NAME.json}, written atomically so two shells saving at once never corrupt one. */
public final class JsonSnapshotStore implements SnapshotStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path dir;

    public JsonSnapshotStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Checks a session name: letters, digits, '.', '_', '-', starting with a letter or digit, at
     * most 64 characters, no "..".
     *
     * @throws FanoutException (bad input) saying what is wrong
     */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw FanoutException.badInput("'" + name + "' is not a session name: use letters, digits, '.', '_' and '-'"
                    + " (starting with a letter or digit, at most 64, no '..')");
        }
        return name;
    }

    private Path file(String name) {
        return dir.resolve(checkName(name) + ".json");
    }

    @Override
    public void save(Snapshot s) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("format", s.format());
        o.put("name", s.name());
        o.put("saved_at", s.savedAt().toString());
        ObjectNode tasks = o.putObject("tasks");
        tasks.put("source", s.tasks().source());
        tasks.set("tasks", TaskJson.toJson(s.tasks()));
        if (s.tasks().config() != null) {
            tasks.set("config", s.tasks().config());
        }
        o.set("overrides", Json.mapper().valueToTree(s.overrides()));
        o.set("variables", Json.mapper().valueToTree(s.variables()));
        if (s.analysis() != null) {
            o.set("analysis", s.analysis());
        }
        o.set("runs", Json.mapper().valueToTree(s.runs()));
        ArrayNode scripts = o.putArray("scripts");
        s.scripts().forEach(x -> scripts.addObject().put("origin", x.origin()).put("source", x.source()));
        try {
            AtomicFile.write(
                    file(s.name()),
                    out -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, o));
        } catch (IOException e) {
            throw FanoutException.badInput("cannot save session '" + s.name() + "' in " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public Snapshot load(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            throw FanoutException.badInput("no saved session '" + name + "'"
                    + Names.closest(name, names())
                            .map(c -> "; did you mean '" + c + "'?")
                            .orElse("; 'sessions' lists them"));
        }
        JsonNode o;
        try {
            o = Json.mapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw FanoutException.badInput(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": the snapshot is corrupt ("
                    + dev.fanout.Location.parserMessage(e.getOriginalMessage())
                    + "); it was left as it is");
        } catch (IOException e) {
            throw FanoutException.badInput("cannot read " + file + ": " + e.getMessage());
        }
        if (o == null || !o.isObject() || !o.path("format").isInt()) {
            throw FanoutException.badInput(file + ": not a fanout session snapshot (no format version)");
        }
        int format = o.get("format").asInt();
        if (format > Snapshot.FORMAT) {
            throw FanoutException.badInput(file + ": saved by a newer fanout (snapshot format " + format
                    + ", this one reads up to " + Snapshot.FORMAT + "); upgrade fanout to restore it");
        }
        JsonNode t = o.path("tasks");
        if (!t.isObject() || !t.path("tasks").isArray()) {
            throw damaged(file, "'tasks' must be an object holding a 'tasks' list");
        }
        Instant savedAt;
        try {
            savedAt = Instant.parse(o.path("saved_at").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw damaged(file, "'saved_at' is not a time such as 2026-01-31T12:00:00Z");
        }
        try {
            TaskSet read = TaskJson.fromJson(file.toString(), (ArrayNode) t.get("tasks"));
            TaskSet tasks = new TaskSet(
                    t.path("source").asText("session"),
                    read.tasks(),
                    t.has("config") ? t.get("config") : null,
                    Map.of());
            List<Snapshot.ScriptSource> scripts = new ArrayList<>();
            for (JsonNode x : o.path("scripts")) {
                scripts.add(new Snapshot.ScriptSource(
                        x.path("origin").asText(), x.path("source").asText()));
            }
            List<String> runs = new ArrayList<>();
            o.path("runs").forEach(r -> runs.add(r.asText()));
            // the file's name is the session's name: a copied snapshot is a session of its own
            return new Snapshot(
                    format,
                    name,
                    savedAt,
                    tasks,
                    strings(o.path("overrides")),
                    strings(o.path("variables")),
                    o.has("analysis") ? o.get("analysis") : null,
                    runs,
                    scripts);
        } catch (FanoutException e) {
            throw FanoutException.badInput(file + ": the snapshot's tasks are not valid (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw damaged(file, "a field has the wrong type");
        }
    }

    private static FanoutException damaged(Path file, String what) {
        return FanoutException.badInput(
                file + ": the snapshot is damaged (" + what + "); it was left as it is: fix it by hand, or delete it");
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    @Override
    public List<Info> list() {
        List<Info> infos = new ArrayList<>();
        for (String name : names()) {
            try {
                JsonNode o = Json.mapper().readTree(file(name).toFile());
                infos.add(new Info(
                        name,
                        Instant.parse(o.path("saved_at").asText()),
                        o.path("tasks").path("tasks").size(),
                        o.path("runs").size()));
            } catch (IOException | RuntimeException e) {
                infos.add(new Info(name, null, -1, -1));
            }
        }
        infos.sort(Comparator.comparing(Info::savedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return infos;
    }

    @Override
    public List<String> names() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - 5))
                    .filter(n -> NAME.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
