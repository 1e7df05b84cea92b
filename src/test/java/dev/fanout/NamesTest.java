package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void theClosestNameIsSuggestedOnlyWhenItIsAPlausibleTypo() {
        List<String> ids = List.of("auth-svc", "user-svc", "billing");
        assertEquals(Optional.of("auth-svc"), Names.closest("auth-scv", ids)); // transposition
        assertEquals(Optional.of("auth-svc"), Names.closest("Auth-Svc", ids)); // case
        assertEquals(Optional.of("billing"), Names.closest("biling", ids));
        assertEquals(Optional.of("billing"), Names.closest("bill", ids)); // a prefix
        assertEquals(Optional.empty(), Names.closest("payments", ids));
        assertEquals(Optional.empty(), Names.closest("x", List.of()));
    }

    @Test
    void taskIdsAreLettersDigitsDotsUnderscoresAndDashes() {
        for (String ok : List.of("a", "build-api", "v1.2_x", "A-Z.0-9_")) {
            assertTrue(Names.isTaskId(ok), ok);
        }
        for (String bad : List.of("", ".", "..", "a b", "a/b", "../x", "é", "a\\b", "a:b")) {
            assertFalse(Names.isTaskId(bad), bad);
        }
        assertFalse(Names.isTaskId(null));
    }
}
