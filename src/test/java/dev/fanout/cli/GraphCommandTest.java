package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
    @TempDir
    Path home;

    @Test
    void printsTextByDefault() {
        Cli.Result r = Cli.run(home, "graph", "examples/chain.yaml");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("""
                wave 1
                  checkout *
                wave 2
                  compile *  <- checkout
                wave 3
                  package *  <- compile
                wave 4
                  publish *  <- package
                """, r.out());
    }

    @Test
    void printsDotAndMermaid() {
        Cli.Result dot = Cli.run(home, "graph", "examples/chain.yaml", "--format", "dot");
        assertEquals(0, dot.exit(), dot.toString());
        assertTrue(dot.out().startsWith("digraph tasks {\n"), dot.out());
        assertTrue(dot.out().contains("  \"checkout\" -> \"compile\" [penwidth=2, color=\"#b35900\"];\n"), dot.out());
        Cli.Result mermaid = Cli.run(home, "graph", "examples/chain.yaml", "--format", "MERMAID");
        assertEquals(0, mermaid.exit(), mermaid.toString());
        assertTrue(mermaid.out().startsWith("flowchart LR\n  t0[\"checkout\"]\n"), mermaid.out());
        assertTrue(mermaid.out().contains("\n  t0 --> t1\n  t1 --> t2\n  t2 --> t3\n"), mermaid.out());
    }
}
