package dev.fanout.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code help} in the shell: wrapped to the terminal's width; the commands, then {@code exit},
 * then how to quote and the keys; none of the one-shot options ({@code -f}, {@code --home}…),
 * which mean nothing at the prompt.
 */
final class ShellHelp {
    static final String SHELL_WORDS = "shellWords";
    static final String QUOTING = "quoting";

    /** Widest help, so lines stay readable on a very wide terminal. */
    private static final int MAX_WIDTH = 200;

    static final List<String> QUOTING_TEXT = List.of(
            "Blanks separate words; quote a word to keep its blanks: task add --id a --command \"echo hi\"",
            "'…' keeps everything inside as typed; \"…\" too, except \\\" (a double quote) and \\\\ (a backslash):"
                    + " --command 'echo \"hi\"' and --command \"echo \\\"hi\\\"\" both give echo \"hi\".",
            "Outside quotes a backslash is an ordinary character, so paths keep theirs.",
            "js CODE takes the rest of the line as typed, no quoting needed; unfinished JavaScript (an open"
                    + " bracket, brace, parenthesis or template string, a trailing operator) goes on at the ...>"
                    + " prompt. js alone: JavaScript mode (js>) until .exit or Ctrl-D.");

    static final List<String> KEYS_TEXT = List.of(
            "Tab completes; Alt-S shows or hides the hints below the line ('set hints off');"
                    + " 'set autosuggest on' suggests from history (→ takes it);",
            "↑ recalls an entry, all its lines; Ctrl-C stops a run or drops the entry being typed;"
                    + " Ctrl-D leaves (or leaves JavaScript mode).");

    private ShellHelp() {}

    static void configure(CommandLine root, int terminalWidth) {
        int width = Math.max(55, Math.min(MAX_WIDTH, terminalWidth));
        root.setUsageHelpWidth(width);
        UsageMessageSpec usage = root.getCommandSpec().usageMessage();
        usage.description("fanout's shell: type a command, with its options and arguments as on the command line.");
        usage.footer("", "Type 'help COMMAND' (or COMMAND --help) for a command's options.");
        int nameWidth = root.getSubcommands().keySet().stream()
                .mapToInt(String::length)
                .max()
                .orElse(4);
        String indent = " ".repeat(nameWidth + 6);
        root.getHelpSectionMap()
                .put(
                        SHELL_WORDS,
                        help -> "  " + String.format("%-" + nameWidth + "s  ", "exit")
                                + wrap(
                                                "Leave the shell (also quit, or Ctrl-D), saving the session when autosave"
                                                        + " is on.",
                                                width - nameWidth - 4,
                                                indent)
                                        .stripLeading());
        root.getHelpSectionMap().put(QUOTING, help -> {
            StringBuilder sb =
                    new StringBuilder(System.lineSeparator()).append("Quoting:").append(System.lineSeparator());
            QUOTING_TEXT.forEach(l -> sb.append(wrap(l, width - 2, "  ")));
            sb.append(System.lineSeparator()).append("Keys:").append(System.lineSeparator());
            KEYS_TEXT.forEach(l -> sb.append(wrap(l, width - 2, "  ")));
            return sb.toString();
        });
        root.setHelpSectionKeys(List.of(
                UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
                UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                SHELL_WORDS,
                QUOTING,
                UsageMessageSpec.SECTION_KEY_FOOTER_HEADING,
                UsageMessageSpec.SECTION_KEY_FOOTER));
    }

    /** Words of {@code text} in lines of at most {@code width} columns, each after {@code indent}. */
    static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.append(indent).append(line).append(System.lineSeparator());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(indent).append(line).append(System.lineSeparator());
        return out.toString();
    }
}
