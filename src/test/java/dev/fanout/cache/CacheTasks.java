package dev.fanout.cache;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import dev.fanout.task.Task;
import dev.fanout.task.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Tasks for the cache's tests, written as a tasks file would have them. */
final class CacheTasks {
    private CacheTasks() {}

    /** One task from its JSON, validated as a tasks file validates it. */
    static Task task(String json) {
        try {
            ObjectNode o = (ObjectNode) Json.mapper().readTree(json);
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            a.add(o);
            return TaskJson.fromJson("test", a).tasks().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
