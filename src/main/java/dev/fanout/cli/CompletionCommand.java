package dev.fanout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code fanout completion}: a bash (and zsh, through bashcompinit) completion script. It holds
 * no names: at each Tab it asks {@code fanout __complete}, so commands, options, run ids,
 * session names, strategies and task ids are those of the moment, as in the shell.
 */
@Command(
        name = "completion",
        description = {
            "Print a bash/zsh completion script for fanout's one-shot commands.",
            "  source <(fanout completion)     (scripts/install sets this up)"
        })
public final class CompletionCommand implements Callable<Integer> {
    /** The words up to the cursor go to the fanout being completed; its answer, one a line, is the reply. */
    static final String SCRIPT = """
            # bash completion for fanout: the candidates come from fanout itself when Tab is pressed
            _fanout() {
                local fanout=${COMP_WORDS[0]}
                [[ $fanout == "~/"* ]] && fanout=$HOME/${fanout#"~/"}
                mapfile -t COMPREPLY < <("$fanout" __complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
                if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then
                    compopt -o nospace 2>/dev/null
                fi
            }
            complete -o default -F _fanout fanout
            """;

    private final CliContext ctx;

    public CompletionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out().print(SCRIPT);
        ctx.out().flush();
        return 0;
    }
}
