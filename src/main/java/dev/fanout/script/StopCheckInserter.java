package dev.fanout.script;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openjdk.nashorn.internal.ir.Block;
import org.openjdk.nashorn.internal.ir.ExpressionStatement;
import org.openjdk.nashorn.internal.ir.ForNode;
import org.openjdk.nashorn.internal.ir.FunctionNode;
import org.openjdk.nashorn.internal.ir.LiteralNode;
import org.openjdk.nashorn.internal.ir.Statement;
import org.openjdk.nashorn.internal.ir.VarNode;
import org.openjdk.nashorn.internal.ir.WhileNode;
import org.openjdk.nashorn.internal.ir.visitor.SimpleNodeVisitor;
import org.openjdk.nashorn.internal.parser.Parser;
import org.openjdk.nashorn.internal.runtime.Context;
import org.openjdk.nashorn.internal.runtime.ParserException;
import org.openjdk.nashorn.internal.runtime.ScriptEnvironment;
import org.openjdk.nashorn.internal.runtime.Source;
import org.openjdk.nashorn.internal.runtime.options.Options;

/**
 * Rewrites a script so that it can be stopped: Nashorn never looks at thread interrupts, and a
 * JavaScript {@code catch} even catches {@code ThreadDeath}. A call to {@link #CHECK} goes at
 * the top of every loop body and function body; once a job is asked to stop, every check
 * throws, so even a script that catches the first one unwinds.
 *
 * <p>Insertions never add a line break, so line numbers stay right; {@link Instrumented} maps
 * columns back. Top-level {@code let} and {@code const} become {@code var} (same width), so
 * the same file can be evaluated again in one session, as at a browser's console.
 *
 * <p>It reads Nashorn's own parse tree ({@code internal.ir}): the public tree API drops
 * {@code for (let …)} loops (its {@code IRTranslator} keeps only the first statement of the
 * synthetic block that wraps them). Positions are checked before any edit, and an edited text
 * that no longer parses is discarded in favour of the original.
 */
final class StopCheckInserter {
    static final String CHECK = "__fanout_check__";
    private static final String CALL = CHECK + "()";

    private final ScriptEnvironment env;

    StopCheckInserter() {
        Options options = new Options("nashorn");
        options.process(new String[] {"--language=es6", "--parse-only"});
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        this.env = new ScriptEnvironment(options, quiet, quiet);
    }

    /**
     * Instruments a program.
     *
     * @param topLevel whether this is a whole program evaluated at the top level (rewrites let/const)
     * @throws ParserException when the source has a syntax error (positions are the source's)
     */
    Instrumented instrument(String name, String source, boolean topLevel) {
        return instrument(name, "", source, "", topLevel);
    }

    /**
     * Instruments {@code prefix + source + suffix} (a wrapper such as parentheses around a
     * function), mapping columns back to {@code source}. The prefix must not contain a line break.
     *
     * @throws ParserException when the wrapped source has a syntax error
     */
    Instrumented instrument(String name, String prefix, String source, String suffix, boolean topLevel) {
        Instrumented whole = instrumentWhole(name, prefix + source + suffix, topLevel);
        if (prefix.isEmpty()) {
            return whole;
        }
        List<Edit> edits = new ArrayList<>();
        edits.add(Edit.insert(0, prefix));
        for (Edit e : whole.edits()) {
            edits.add(new Edit(Math.max(0, e.offset() - prefix.length()), e.removed(), e.text()));
        }
        return new Instrumented(whole.text(), edits, source);
    }

    private Instrumented instrumentWhole(String name, String source, boolean topLevel) {
        FunctionNode program = parse(name, source);
        List<Edit> edits = new ArrayList<>();
        program.accept(new SimpleNodeVisitor() {
            @Override
            public boolean enterForNode(ForNode node) {
                loopBody(source, node.getBody(), edits);
                return true;
            }

            @Override
            public boolean enterWhileNode(WhileNode node) {
                loopBody(source, node.getBody(), edits);
                return true;
            }

            @Override
            public boolean enterFunctionNode(FunctionNode node) {
                if (!node.isProgram()) {
                    functionBody(source, node.getBody(), edits);
                }
                return true;
            }
        });
        if (topLevel) {
            letAndConstAsVar(source, program, edits);
        }
        edits.sort(Comparator.comparingInt(Edit::offset));
        String text = apply(source, edits);
        if (!text.equals(source) && !parses(name, text)) {
            return new Instrumented(source, List.of(), source);
        }
        return new Instrumented(text, edits, source);
    }

    private FunctionNode parse(String name, String source) {
        return new Parser(env, Source.sourceFor(name, source), new Context.ThrowErrorManager()).parse();
    }

    private boolean parses(String name, String text) {
        try {
            parse(name, text);
            return true;
        } catch (ParserException e) {
            return false;
        }
    }

    private static void loopBody(String src, Block body, List<Edit> edits) {
        int start = body.getStart();
        if (!body.isSynthetic()) {
            if (charAt(src, start) == '{') {
                edits.add(Edit.insert(start + 1, CALL + ";"));
            }
            return;
        }
        List<Statement> statements = body.getStatements();
        if (statements.isEmpty()) {
            if (charAt(src, start) == ';') {
                edits.add(Edit.insert(start, CALL)); // for (;;);  ->  for (;;)__fanout_check__();
            }
            return;
        }
        Statement only = statements.get(0);
        if (statements.size() != 1) {
            return;
        }
        if (only instanceof ExpressionStatement) {
            // x++;  ->  __fanout_check__(),x++;  (a string literal's position is after its quote)
            int at = only.getStart();
            if (isQuote(charAt(src, at - 1))) {
                at--;
            }
            edits.add(Edit.insert(at, CALL + ","));
            return;
        }
        // if/switch/try/var as a loop body: wrap in braces, but only where the statement
        // visibly ends (a finish inside a string literal would put the brace in the string)
        int finish = body.getFinish();
        char last = charAt(src, finish - 1);
        if (!isQuote(charAt(src, finish)) && (last == ';' || last == '}' || last == ')')) {
            edits.add(Edit.insert(start, "{" + CALL + ";"));
            edits.add(Edit.insert(finish, "}"));
        }
    }

    private static void functionBody(String src, Block body, List<Edit> edits) {
        int start = body.getStart();
        // an arrow function with an expression body has no braces and a finish before its start
        if (body.getFinish() <= start
                || charAt(src, start) != '{'
                || body.getStatements().isEmpty()) {
            return;
        }
        // keep directives such as 'use strict' first: the check goes after the last of them
        Statement lastDirective = null;
        for (Statement s : body.getStatements()) {
            if (s instanceof ExpressionStatement es
                    && es.getExpression() instanceof LiteralNode<?> lit
                    && lit.isString()) {
                lastDirective = s;
            } else {
                break;
            }
        }
        if (lastDirective == null) {
            edits.add(Edit.insert(start + 1, CALL + ";"));
        } else if (isQuote(charAt(src, lastDirective.getFinish()))) {
            edits.add(Edit.insert(lastDirective.getFinish() + 1, ";" + CALL + ";"));
        }
    }

    private static void letAndConstAsVar(String src, FunctionNode program, List<Edit> edits) {
        int previous = -1;
        for (Statement s : program.getBody().getStatements()) {
            if (s instanceof VarNode v && v.isBlockScoped() && !v.isFunctionDeclaration() && s.getStart() != previous) {
                previous = s.getStart();
                if (v.isLet() && src.startsWith("let", previous)) {
                    edits.add(new Edit(previous, 3, "var"));
                } else if (v.isConst() && src.startsWith("const", previous)) {
                    edits.add(new Edit(previous, 5, "var  "));
                }
            }
        }
    }

    private static String apply(String src, List<Edit> edits) {
        StringBuilder out = new StringBuilder(src.length() + edits.size() * (CALL.length() + 2));
        int at = 0;
        for (Edit e : edits) {
            if (e.offset() < at) {
                continue; // overlapping edits cannot happen with the rules above; be safe anyway
            }
            out.append(src, at, e.offset()).append(e.text());
            at = e.offset() + e.removed();
        }
        return out.append(src, at, src.length()).toString();
    }

    private static char charAt(String s, int i) {
        return i >= 0 && i < s.length() ? s.charAt(i) : '\0';
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"' || c == '`';
    }

    /** Replaces {@code removed} characters at {@code offset} of the original with {@code text}; never a line break. */
    record Edit(int offset, int removed, String text) {
        static Edit insert(int offset, String text) {
            return new Edit(offset, 0, text);
        }

        int shift() {
            return text.length() - removed;
        }
    }

    /** An instrumented program and how to map its columns back to the original. */
    record Instrumented(String text, List<Edit> edits, String original) {

        /**
         * The original column of a 0-based position reported in the instrumented text.
         *
         * @param line 1-based line (the same in both texts)
         */
        int originalColumn(int line, int column) {
            int lineStart = lineStart(original, line);
            if (lineStart < 0) {
                return column;
            }
            int lineEnd = original.indexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? original.length() : lineEnd;
            int shift = 0;
            for (Edit e : edits) {
                if (e.offset() < lineStart || e.offset() > lineEnd) {
                    continue;
                }
                int editColumn = e.offset() - lineStart + shift;
                if (editColumn + e.text().length() > column) {
                    break;
                }
                shift += e.shift();
            }
            return column - shift;
        }

        private static int lineStart(String text, int line) {
            int at = 0;
            for (int l = 1; l < line; l++) {
                at = text.indexOf('\n', at) + 1;
                if (at == 0) {
                    return -1;
                }
            }
            return at;
        }
    }
}
