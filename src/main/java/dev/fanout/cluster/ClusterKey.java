package dev.fanout.cluster;

import dev.fanout.FanoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret a coordinator and its workers share: every task message carries an HMAC-SHA256 of
 * its content under this key, and a worker runs nothing whose signature does not verify.
 */
public final class ClusterKey {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    private ClusterKey(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** A key from its bytes (tests, and {@link #load}). */
    public static ClusterKey of(byte[] secret) {
        return new ClusterKey(secret.clone());
    }

    /**
     * Reads the key file, creating it (32 random bytes, hex, mode 0600) when it does not exist.
     *
     * @throws FanoutException (bad input) when the file cannot be read or created, or is empty
     */
    public static ClusterKey load(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                throw FanoutException.badInput(
                        file + ": the cluster key file is empty; delete it to have a new one made");
            }
            return new ClusterKey(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw FanoutException.badInput("cannot read the cluster key " + file + ": " + e.getMessage());
        }
    }

    private static void create(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(
                parent,
                ".cluster-key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, HexFormat.of().formatHex(secret) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Files.move(tmp, file); // not REPLACE_EXISTING: a key another process made first wins
        } catch (java.nio.file.FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
    }

    /** The hex HMAC-SHA256 of {@code content}. */
    public String sign(String content) {
        return HexFormat.of().formatHex(mac(content));
    }

    /** True when {@code signature} is this key's HMAC of {@code content} (compared in constant time). */
    public boolean verifies(String content, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(content), given);
    }

    private byte[] mac(String content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
