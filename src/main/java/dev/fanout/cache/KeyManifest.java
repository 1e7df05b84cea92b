package dev.fanout.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides a task's result, as named digests in a fixed order: the kind and
 * content of the work, cwd, env, env_inputs values, input files (path and content), the keys of
 * its dependencies, and the cache format. The key is the SHA-256 of its canonical form; values
 * are kept as digests only, so a secret in an env var never lands in the cache in clear.
 *
 * @param entries name ("input src/a.c", "env_input CC", "dependency compile") to digest, in key order
 */
public record KeyManifest(Map<String, String> entries) {
    /** Raised whenever the canonical form or an entry's layout changes: old entries then simply miss. */
    public static final int FORMAT = 1;

    public KeyManifest {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The key: SHA-256 over each entry, length-prefixed so that no two manifests read alike. */
    public String key() {
        MessageDigest md = Sha256.digest();
        md.update(("fanout-cache " + FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
        entries.forEach((name, digest) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            md.update((n.length + ":").getBytes(StandardCharsets.UTF_8));
            md.update(n);
            md.update((" " + digest + "\n").getBytes(StandardCharsets.UTF_8));
        });
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * What changed from {@code before} to this manifest, one phrase each, in key order: "input
     * src/a.c changed", "env_input CC changed", "dependency compile changed", "input x.h added".
     */
    public List<String> changesSince(KeyManifest before) {
        List<String> out = new java.util.ArrayList<>();
        entries.forEach((name, digest) -> {
            String old = before.entries.get(name);
            if (old == null) {
                out.add(name + " added");
            } else if (!old.equals(digest)) {
                out.add(name + " changed");
            }
        });
        before.entries.keySet().forEach(name -> {
            if (!entries.containsKey(name)) {
                out.add(name + " removed");
            }
        });
        return out;
    }
}
