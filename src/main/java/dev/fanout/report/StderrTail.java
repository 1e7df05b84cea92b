package dev.fanout.report;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log, reading only its end: a task may have written gigabytes. */
final class StderrTail {
    static final int MAX_BYTES = 4096;
    static final int MAX_LINES = 12;

    private StderrTail() {}

    /** The last {@link #MAX_LINES} lines of at most the last {@link #MAX_BYTES} bytes; "" when there is no file. */
    static String of(Path log) {
        if (!Files.isRegularFile(log)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[n];
            f.seek(length - n);
            f.readFully(bytes);
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            List<String> lines = text.strip().lines().toList();
            if (n < length && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first line read was cut
            }
            List<String> tail = lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size());
            return String.join("\n", tail);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
