package dev.fanout.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fanout.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptOptionsTest {

    @Test
    void optionsComeFromTheConfiguration() {
        assertEquals(new ScriptOptions(false, 60), ScriptOptions.from(Config.defaults()));
        Config changed = Config.defaults()
                .withText("session setting", Map.of("allow_java", "true", "script_time_limit_seconds", "0"));
        ScriptOptions options = ScriptOptions.from(changed);
        assertEquals(new ScriptOptions(true, 0), options);
        assertEquals(0, options.timeLimitNanos(), "0 means no limit");
        assertEquals(1_500_000_000L, new ScriptOptions(false, 1.5).timeLimitNanos());
    }

    @Test
    void aNegativeOrMissingLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScriptOptions(false, -1));
        assertThrows(IllegalArgumentException.class, () -> new ScriptOptions(false, Double.NaN));
    }
}
