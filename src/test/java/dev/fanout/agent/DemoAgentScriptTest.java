package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline demo agent in examples/agents: it does its work, and never runs its prompt. */
class DemoAgentScriptTest {
    private static final Path SCRIPT = Path.of("examples/agents/demo-agent.sh").toAbsolutePath();

    @TempDir
    Path dir;

    private record Ran(int exit, String out) {}

    private Ran run(String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("FANOUT_RUN_DIR", dir.resolve("run").toString());
        pb.environment().put("FANOUT_RESULT", dir.resolve("result.json").toString());
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the demo agent finished");
        return new Ran(p.exitValue(), out);
    }

    @Test
    void itWritesAServiceAndReportsItsFilesAsJson() throws Exception {
        Ran ran = run("auth-service", "Create auth-service: login, logout, token refresh.");
        assertEquals(0, ran.exit(), ran.out());
        assertEquals("demo-agent: created auth-service (3 files in work/auth-service)\n", ran.out());
        JsonNode result = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        assertEquals("auth-service", result.get("service").asText());
        assertEquals("created", result.get("status").asText());
        assertEquals(3, result.get("files").size());
        for (JsonNode f : result.get("files")) {
            assertTrue(Files.isRegularFile(dir.resolve("run").resolve(f.asText())), f.asText());
        }
        assertTrue(Files.readString(dir.resolve("run/work/auth-service/src/service.js"))
                .contains("// Create auth-service: login, logout, token refresh.\n"));
    }

    @Test
    void aPromptFullOfShellSyntaxIsWrittenAsDataAndNeverRun() throws Exception {
        String prompt = "Say \"hi\" and 'bye'; $(touch pwned-1) `touch pwned-2`; touch pwned-3\n"
                + "touch pwned-4 && echo $HOME ${PATH} > pwned-5 | tee pwned-6 &\n"
                + "%s %n %d \\n \\\\ * ? [a-z] ~ -- -n -e \t tab\n"
                + "$(printf x > pwned-7)\n'unclosed \"quote";
        Ran ran = run("user-service", prompt);
        assertEquals(0, ran.exit(), ran.out());
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> pwned = all.filter(p -> p.getFileName().toString().startsWith("pwned"))
                    .toList();
            assertEquals(List.of(), pwned, "nothing in the prompt ran");
        }
        String readme = Files.readString(dir.resolve("run/work/user-service/README.md"));
        assertTrue(readme.endsWith("## Task\n\n" + prompt + "\n"), "the prompt is in the README byte for byte");
        String source = Files.readString(dir.resolve("run/work/user-service/src/service.js"));
        for (String line : prompt.split("\n")) {
            assertTrue(source.contains("// " + line + "\n"), "each prompt line is a comment: " + line);
        }
        assertFalse(ran.out().contains(dir.toString()), "no $HOME expansion reached the output");
    }

    @Test
    void aTaskIdThatWouldLeaveTheFolderIsRefused() throws Exception {
        for (String id : List.of("../escape", "a/b", "", "..")) {
            Ran ran = run(id, "prompt");
            assertEquals(2, ran.exit(), id);
        }
        assertFalse(Files.exists(dir.resolve("escape")));
        assertFalse(Files.exists(dir.resolve("run")));
    }
}
