package dev.fanout.exec;

import dev.fanout.task.TaskLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Each task in a session of its own, started through util-linux's {@code setsid} (the JDK cannot
 * call setsid itself): its process group is what a stop signals, with the descendant walk as
 * well. A process that leaves the group (setsid of its own) escapes; a control group does not
 * let it. With {@code setsid} missing, only the descendant walk ({@link Kind#PROCESS_TREE}).
 */
final class ProcessGroupContainment implements Containment {
    private static final Path PROC = Path.of("/proc");

    private final String setsid;
    private final String why;

    /** @param setsid the path of the setsid program, or null for the process tree alone */
    ProcessGroupContainment(String setsid, String why) {
        this.setsid = setsid;
        this.why = why;
    }

    @Override
    public Kind kind() {
        return setsid == null ? Kind.PROCESS_TREE : Kind.PROCESS_GROUP;
    }

    @Override
    public String why() {
        return why;
    }

    @Override
    public List<String> controllers() {
        return List.of();
    }

    @Override
    public List<String> places() {
        return setsid == null ? List.of() : List.of(setsid);
    }

    @Override
    public Enclosure enclose(String runId, String name, TaskLimits limits) {
        return new Enclosure() {
            @Override
            public List<String> argv(List<String> argv) {
                if (setsid == null) {
                    return argv;
                }
                List<String> wrapped = new ArrayList<>(argv.size() + 2);
                wrapped.add(setsid);
                wrapped.add("--");
                wrapped.addAll(argv);
                return wrapped;
            }

            @Override
            public Process start(ProcessBuilder pb) throws IOException {
                return pb.start();
            }

            @Override
            public void stop(ProcessHandle root) {
                // setsid made the task's first process the leader: its pid is the group's id
                ProcessTree.stop(root, setsid == null ? List::of : () -> groupMembers(root.pid()));
            }
        };
    }

    /** The processes whose process group is {@code pgid}, by a look through /proc. */
    static List<ProcessHandle> groupMembers(long pgid) {
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.forEach(p -> {
                String name = p.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    return;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // "pid (comm) S ppid pgrp …": fields follow the last ')', as comm may hold anything
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 4);
                    if (after.length > 2 && Long.parseLong(after[2]) == pgid) {
                        ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return found;
    }
}
