package dev.fanout.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedMessageTest {
    private static final ClusterKey KEY = ClusterKey.of("the key".getBytes(StandardCharsets.UTF_8));

    private static ObjectNode task() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", "run");
        o.put("command", "echo hi");
        return o;
    }

    @Test
    void aMessageSignedWithTheKeyOpens() {
        assertEquals(
                "echo hi",
                SignedMessage.open(KEY, SignedMessage.seal(KEY, task()))
                        .path("command")
                        .asText());
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRefused() {
        String wire = SignedMessage.seal(ClusterKey.of(new byte[] {1, 2, 3}), task());
        SecurityException e = assertThrows(SecurityException.class, () -> SignedMessage.open(KEY, wire));
        assertTrue(e.getMessage().contains("signature does not match"), e.getMessage());
    }

    @Test
    void aTamperedBodyIsRefused() {
        String wire = SignedMessage.seal(KEY, task()).replace("echo hi", "rm -rf ~");
        assertThrows(SecurityException.class, () -> SignedMessage.open(KEY, wire));
    }

    @Test
    void anUnsignedMessageIsRefused() {
        SecurityException e = assertThrows(
                SecurityException.class, () -> SignedMessage.open(KEY, "{\"body\": \"{\\\"kind\\\": \\\"run\\\"}\"}"));
        assertEquals("unsigned message", e.getMessage());
        assertThrows(SecurityException.class, () -> SignedMessage.open(KEY, "not json"));
    }

    @Test
    void theKeyFileIsMadeOnFirstUseReadableByItsOwnerOnly(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("home").resolve("cluster.key");
        ClusterKey first = ClusterKey.load(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        ClusterKey again = ClusterKey.load(file);
        assertTrue(again.verifies("x", first.sign("x")), "the same key is read back");
    }
}
