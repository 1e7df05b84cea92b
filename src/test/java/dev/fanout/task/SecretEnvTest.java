package dev.fanout.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretEnvTest {
    private final SecretEnv secrets = SecretEnv.of(List.of("my_cred"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "API_TOKEN",
                "github_token",
                "AWS_SECRET_ACCESS_KEY",
                "KEY",
                "ssh_key_file",
                "DB_PASSWORD",
                "MY_CRED"
            })
    void namesThatLookSecretOrAreListedAreSecret(String name) {
        assertTrue(secrets.isSecret(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATH", "HOME", "LANG", "MY_CREDIT", "TOKE"})
    void otherNamesAreNot(String name) {
        assertFalse(secrets.isSecret(name));
    }

    @org.junit.jupiter.api.Test
    void maskingReplacesOnlySecretValuesAndLeavesATaskWithoutSecretsAlone() {
        Task t = Task.ofCommand("a", "true", List.of()).withEnv(Map.of("API_TOKEN", "abc123", "MODE", "fast"));
        Task masked = secrets.mask(t);
        assertEquals(Map.of("API_TOKEN", "***", "MODE", "fast"), masked.env());
        assertEquals(List.of("API_TOKEN"), secrets.maskedIn(masked));
        assertEquals(List.of(), secrets.maskedIn(t));

        Task plain = Task.ofCommand("b", "true", List.of()).withEnv(Map.of("MODE", "fast"));
        assertSame(plain, secrets.mask(plain));
    }
}
