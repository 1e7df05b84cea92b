package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import dev.fanout.exec.HostFacts;
import java.util.Collection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fanout doctor}: how tasks are contained here and the environment facts behind fanout's behaviour. */
@Command(
        name = "doctor",
        description =
                "How tasks are contained here (cgroup v2, v1, process groups) and why; launch, encodings, locale.")
public final class DoctorCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    public DoctorCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        HostFacts facts =
                HostFacts.gather(ctx.env(), ctx.session().home().root().toString());
        if (json) {
            ObjectNode o = Json.mapper().createObjectNode();
            facts.facts().forEach(f -> o.set(f.key(), Json.mapper().valueToTree(f.value())));
            ObjectNode notes = o.putObject("notes");
            facts.facts().stream().filter(f -> f.note() != null).forEach(f -> notes.put(f.key(), f.note()));
            ctx.out().println(Json.pretty(o));
            return 0;
        }
        for (HostFacts.Fact f : facts.facts()) {
            String value = f.value() instanceof Collection<?> c
                    ? (c.isEmpty()
                            ? "(none)"
                            : String.join(", ", c.stream().map(String::valueOf).toList()))
                    : String.valueOf(f.value());
            ctx.out().printf("%-20s %s%n", f.key(), value);
            if (f.note() != null) {
                ctx.out().printf("%-20s   %s%n", "", f.note());
            }
        }
        return 0;
    }
}
