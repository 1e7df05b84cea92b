package dev.fanout.exec;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a user debugging fanout needs to know about this machine and JVM, as {@code fanout doctor}
 * shows it: how tasks are contained and why, how processes start, the encodings and locale the
 * JVM sees, and where fanout keeps its files.
 */
public record HostFacts(List<Fact> facts) {

    /** One fact: a snake_case key, its value, and for some a line of explanation (or null). */
    public record Fact(String key, Object value, String note) {}

    /**
     * Gathers the facts; detects the containment if nothing did yet.
     *
     * @param env fanout's environment (for the locale variables)
     * @param home the fanout home folder
     */
    public static HostFacts gather(Map<String, String> env, String home) {
        List<Fact> f = new ArrayList<>();
        Containment c = Containment.system();
        f.add(new Fact("containment", c.kind().key(), c.why()));
        f.add(new Fact(
                "limit_controllers",
                c.controllers(),
                c.controllers().isEmpty() ? "memory_max and cpus are not enforced" : null));
        f.add(new Fact("containment_places", c.places(), null));
        String mechanism = System.getProperty("jdk.lang.Process.launchMechanism");
        f.add(new Fact(
                "launch_mechanism",
                mechanism == null ? "POSIX_SPAWN" : mechanism,
                mechanism == null ? "the JDK's default" : null));
        f.add(new Fact(
                "sun_jnu_encoding",
                System.getProperty("sun.jnu.encoding"),
                "how file names, argv and environment reach the OS"));
        f.add(new Fact("file_encoding", System.getProperty("file.encoding"), null));
        f.add(new Fact("native_encoding", System.getProperty("native.encoding"), null));
        f.add(new Fact("default_charset", Charset.defaultCharset().name(), null));
        for (String name : List.of("LANG", "LC_ALL", "LC_CTYPE")) {
            f.add(new Fact(name.toLowerCase(java.util.Locale.ROOT), env.getOrDefault(name, "(unset)"), null));
        }
        f.add(new Fact(
                "java",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("java.home")));
        f.add(new Fact(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                null));
        f.add(new Fact("processors", Runtime.getRuntime().availableProcessors(), null));
        f.add(new Fact("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20, null));
        f.add(new Fact("user", System.getProperty("user.name"), null));
        f.add(new Fact("pid", ProcessHandle.current().pid(), null));
        f.add(new Fact("fanout_home", home, null));
        return new HostFacts(List.copyOf(f));
    }
}
