package dev.fanout.cli;

import java.util.ArrayList;
import java.util.List;
import org.jline.console.CmdDesc;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliCommands;

/**
 * The hints shown below the line as you type (JLine's TailTipWidgets): picocli-shell-jline3's
 * {@link PicocliCommands} builds each command's synopsis and option descriptions from the same
 * picocli model that runs it. Its own lookup gives up at the first word that is not a
 * subcommand ({@code run tasks.json --jo}); this one looks the command up from the leading
 * command words only, so the hints stay while arguments are typed.
 */
final class CommandHints extends PicocliCommands {
    private final CommandLine root;

    CommandHints(CommandLine root) {
        super(root);
        this.root = root;
    }

    @Override
    public CmdDesc commandDescription(List<String> args) {
        List<String> command = new ArrayList<>();
        CommandLine at = root;
        for (String a : args) {
            CommandLine sub = at.getSubcommands().get(a);
            if (sub == null) {
                if (a.startsWith("-")) {
                    continue; // options before the subcommand
                }
                break;
            }
            command.add(a);
            at = sub;
        }
        return command.isEmpty() ? null : super.commandDescription(command);
    }
}
