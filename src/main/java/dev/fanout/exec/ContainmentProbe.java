package dev.fanout.exec;

import dev.fanout.exec.CgroupContainment.Hierarchy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the strongest containment this machine allows: reads which control group hierarchies are
 * mounted (/proc/self/mountinfo) and where fanout sits in each (/proc/self/cgroup), and tries to
 * make fanout's folder in them.
 */
final class ContainmentProbe {
    private static final Path PROC_SELF = Path.of("/proc/self");
    private static final List<String> LIMIT_CONTROLLERS = List.of("memory", "cpu");

    /** A mounted hierarchy: {@code controllers} empty for v2 (its own file says which it has). */
    record Mount(boolean v2, Set<String> controllers, String root, Path point) {}

    private ContainmentProbe() {}

    static Containment detect(String forced) {
        List<String> notes = new ArrayList<>();
        Containment.Kind want = null;
        if (forced != null && !forced.isBlank()) {
            for (Containment.Kind k : Containment.Kind.values()) {
                if (k.key().equals(forced.strip())) {
                    want = k;
                }
            }
            if (want == null) {
                notes.add("FANOUT_CONTAINMENT='" + forced
                        + "' is none of cgroup-v2, cgroup-v1, process-group, process-tree");
            }
        }
        if (want == null || want == Containment.Kind.CGROUP_V2 || want == Containment.Kind.CGROUP_V1) {
            Containment c = cgroups(want, notes);
            if (c != null) {
                return c;
            }
        }
        String why = notes.isEmpty() ? "" : String.join("; ", notes) + "; ";
        String setsid = want == Containment.Kind.PROCESS_TREE ? null : findSetsid();
        if (setsid == null) {
            return new ProcessGroupContainment(
                    null,
                    why
                            + (want == Containment.Kind.PROCESS_TREE
                                    ? "asked for by FANOUT_CONTAINMENT"
                                    : "no setsid program on PATH: only the process tree is stopped"));
        }
        return new ProcessGroupContainment(
                setsid,
                why
                        + (want == Containment.Kind.PROCESS_GROUP
                                ? "asked for by FANOUT_CONTAINMENT"
                                : "each task runs in a session of its own through " + setsid));
    }

    private static Containment cgroups(Containment.Kind want, List<String> notes) {
        Map<String, String> membership = new HashMap<>();
        List<Mount> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(PROC_SELF.resolve("cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length == 3) {
                    membership.put(f[1].isEmpty() ? "" : f[1], f[2]);
                }
            }
            for (String line : Files.readAllLines(PROC_SELF.resolve("mountinfo"))) {
                Mount m = mount(line);
                if (m != null) {
                    mounts.add(m);
                }
            }
        } catch (IOException e) {
            notes.add("no control groups here (" + e.getMessage() + ")");
            return null;
        }
        // v2 with a memory controller, else v1's freezer (limits through v1's controllers), else
        // v2 without controllers: it still contains and stops, without limits
        if (want != Containment.Kind.CGROUP_V1) {
            Containment v2 = v2(mounts, membership, want == Containment.Kind.CGROUP_V2, notes);
            if (v2 != null) {
                return v2;
            }
        }
        if (want != Containment.Kind.CGROUP_V2) {
            Containment v1 = v1(mounts, membership, notes);
            if (v1 != null) {
                return v1;
            }
        }
        return want == Containment.Kind.CGROUP_V1 ? null : v2(mounts, membership, true, notes);
    }

    private static Containment v2(
            List<Mount> mounts, Map<String, String> membership, boolean forced, List<String> notes) {
        Mount m = mounts.stream().filter(Mount::v2).findFirst().orElse(null);
        if (m == null || !membership.containsKey("")) {
            notes.add("no cgroup v2 hierarchy");
            return null;
        }
        Path own = ownDir(m, membership.get(""));
        List<String> available = words(own, "cgroup.controllers");
        if (!available.contains("memory") && !forced) {
            notes.add("the cgroup v2 hierarchy at " + m.point() + " has no memory controller (it is on v1)");
            return null;
        }
        Path base = makeBase(own, notes);
        if (base == null) {
            return null;
        }
        List<String> enabled = new ArrayList<>();
        for (String c : LIMIT_CONTROLLERS) {
            if (available.contains(c)) {
                // a group that holds processes (fanout's own) cannot hand controllers down: then
                // tasks are contained and stopped, but their limits are not enforced
                try {
                    if (!words(own, "cgroup.subtree_control").contains(c)) {
                        Files.writeString(own.resolve("cgroup.subtree_control"), "+" + c);
                    }
                    Files.writeString(base.resolve("cgroup.subtree_control"), "+" + c);
                    enabled.add(c);
                } catch (IOException e) {
                    notes.add("cannot enable the " + c + " controller below " + own);
                }
            }
        }
        Hierarchy h = new Hierarchy("", own, base);
        Map<String, Hierarchy> limiters = new LinkedHashMap<>();
        enabled.forEach(c -> limiters.put(c, h));
        String why = "cgroup v2 at " + m.point()
                + (enabled.isEmpty() ? ", without the memory and cpu controllers: no limits" : "");
        return new CgroupContainment(true, h, limiters, notes.isEmpty() ? why : why + "; " + String.join("; ", notes));
    }

    private static Containment v1(List<Mount> mounts, Map<String, String> membership, List<String> notes) {
        Hierarchy freezer = v1Hierarchy("freezer", mounts, membership, notes);
        if (freezer == null) {
            notes.add("no writable cgroup v1 freezer hierarchy");
            return null;
        }
        Map<String, Hierarchy> limiters = new LinkedHashMap<>();
        for (String c : LIMIT_CONTROLLERS) {
            Hierarchy h = v1Hierarchy(c, mounts, membership, notes);
            if (h != null) {
                limiters.put(c, h);
            }
        }
        notes.add("cgroup v1: freezer at " + freezer.own());
        return new CgroupContainment(false, freezer, limiters, String.join("; ", notes));
    }

    private static Hierarchy v1Hierarchy(
            String controller, List<Mount> mounts, Map<String, String> membership, List<String> notes) {
        Mount m = mounts.stream()
                .filter(x -> !x.v2() && x.controllers().contains(controller))
                .findFirst()
                .orElse(null);
        String path = membership.entrySet().stream()
                .filter(e -> List.of(e.getKey().split(",")).contains(controller))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (m == null || path == null) {
            return null;
        }
        Path own = ownDir(m, path);
        if (own == null || !Files.isRegularFile(own.resolve("tasks"))) {
            return null;
        }
        Path base = makeBase(own, notes);
        return base == null ? null : new Hierarchy(controller, own, base);
    }

    /** The folder of the group at {@code path} (as /proc/self/cgroup gives it) under a mount, or null if the mount does not show it. */
    private static Path ownDir(Mount m, String path) {
        String root = m.root().equals("/") ? "" : m.root();
        if (!path.startsWith(root)) {
            return null;
        }
        String rel = path.substring(root.length()).replaceFirst("^/+", "");
        return rel.isEmpty() ? m.point() : m.point().resolve(rel);
    }

    private static Path makeBase(Path own, List<String> notes) {
        if (own == null) {
            return null;
        }
        Path base = own.resolve("fanout");
        try {
            Files.createDirectories(base);
            return base;
        } catch (IOException | SecurityException e) {
            notes.add("cannot make " + base + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    /** A cgroup line of mountinfo: "ID PARENT M:N ROOT POINT OPTS … - TYPE SOURCE SUPEROPTS". */
    private static Mount mount(String line) {
        String[] halves = line.split(" - ", 2);
        if (halves.length != 2) {
            return null;
        }
        String[] left = halves[0].split(" ");
        String[] right = halves[1].split(" ");
        if (left.length < 5 || right.length < 3) {
            return null;
        }
        boolean v2 = right[0].equals("cgroup2");
        if (!v2 && !right[0].equals("cgroup")) {
            return null;
        }
        Set<String> controllers = v2 ? Set.of() : Set.of(right[2].split(","));
        return new Mount(v2, controllers, unescape(left[3]), Path.of(unescape(left[4])));
    }

    /** mountinfo writes a space as \040, a tab as \011 and so on. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && i + 3 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    private static List<String> words(Path dir, String file) {
        try {
            String text = Files.readString(dir.resolve(file)).strip();
            return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String findSetsid() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(":")));
        dirs.addAll(List.of("/usr/bin", "/bin"));
        for (String d : dirs) {
            if (!d.isEmpty()) {
                Path p = Path.of(d, "setsid");
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }
}
