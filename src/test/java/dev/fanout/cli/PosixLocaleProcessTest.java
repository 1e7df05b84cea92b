package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fanout as a user starts it under a POSIX locale (LANG and LC_ALL unset, as in containers, cron
 * and CI): through the launcher's locale step, in a real JVM. Non-ASCII names, arguments and
 * output must pass through as UTF-8, and tasks must still see the user's own locale (issue 12.1).
 */
class PosixLocaleProcessTest {
    @TempDir
    Path dir;

    /** Runs fanout the way scripts/fanout does, under a POSIX locale; returns exit code, stdout, stderr. */
    private String[] fanout(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                ". \"$1\"; shift; exec \"$@\"",
                "launcher",
                Path.of("scripts/utf8-locale.sh").toAbsolutePath().toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--home",
                dir.resolve("home").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        env.put("TERM", "dumb");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fanout ended");
        return new String[] {
            String.valueOf(p.exitValue()),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8)
        };
    }

    @Test
    void nonAsciiNamesReachTheOsAsWrittenAndTasksKeepTheUsersLocale() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files/donn\u00e9es-a"), "");
        Files.writeString(dir.resolve("files/donnXes-b"), "");
        Files.writeString(dir.resolve("t.json"), """
                [{"id": "glob", "command": "ls donn\u00e9es-*", "cwd": "files"},
                 {"id": "argv", "command": ["ls", "donn\u00e9es-a"], "cwd": "files"},
                 {"id": "locale", "command": "echo \\"locale [${LC_ALL-unset}]\\""}]
                """, StandardCharsets.UTF_8);
        String[] r = fanout("run", "--sequential", "t.json");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("donn\u00e9es-a"), r[1]);
        assertFalse(r[1].contains("donnXes-b"), "a '?' in place of '\u00e9' globbed another file: " + r[1]);
        assertTrue(r[1].contains("locale [unset]"), "a task sees the user's locale, not the JVM's: " + r[1]);
    }

    @Test
    void aScriptsNonAsciiValueComesBackAsWritten() throws Exception {
        String[] r = fanout("js", "'h\u00e9llo'");
        assertEquals("0", r[0], r[1] + r[2]);
        assertEquals("\"h\u00e9llo\"", r[1].strip());
    }
}
