package dev.fanout.exec;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parts of a run's record that stay as they are once made, kept as the bytes {@code run.json}
 * holds them: the tasks, and each settled task's result (a settled result is never replaced). A
 * record then formats only its header and the results still changing: formatting every result
 * of a 50,000-task run again was most of the time between its last task and its end.
 * Checkpoints and the final record may use it from different threads.
 */
final class RecordBytes {
    private final ArrayNode tasks;
    private Raw tasksBytes;
    /** By task id: the settled result and its bytes. */
    private final Map<String, Settled> settled = new HashMap<>();

    private record Settled(TaskResult result, Raw bytes) {}

    /** @param tasks the record's tasks as JSON; they do not change during a run */
    RecordBytes(ArrayNode tasks) {
        this.tasks = tasks;
    }

    /** The tasks as the record's {@code tasks} key holds them. */
    synchronized SerializableString tasks() throws IOException {
        if (tasksBytes == null) {
            tasksBytes = new Raw(RunJson.formatted(1, g -> g.writeTree(tasks)));
        }
        return tasksBytes;
    }

    /** A settled result as the record's {@code results} holds it; null while the task is not settled. */
    synchronized SerializableString settled(TaskResult result) throws IOException {
        if (!result.status().isFinal()) {
            return null;
        }
        Settled known = settled.get(result.taskId());
        if (known != null && known.result() == result) {
            return known.bytes();
        }
        Raw bytes = new Raw(RunJson.formatted(2, g -> RunJson.write(g, result)));
        settled.put(result.taskId(), new Settled(result, bytes));
        return bytes;
    }

    /** JSON text already formatted, for a generator's {@code writeRawValue}: it is never quoted. */
    private record Raw(byte[] utf8) implements SerializableString {
        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String value = getValue();
            if (offset + value.length() > buffer.length) {
                return -1;
            }
            value.getChars(0, value.length(), buffer, offset);
            return value.length();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (utf8.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }

        @Override
        public char[] asQuotedChars() {
            throw quoted();
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw quoted();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw quoted();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw quoted();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw quoted();
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw quoted();
        }

        private static UnsupportedOperationException quoted() {
            return new UnsupportedOperationException("formatted JSON is written as it is, never quoted");
        }
    }
}
