package dev.fanout.cli;

import dev.fanout.FanoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The shell's own switches, set with {@code set KEY on|off} like a config key but living only
 * as long as the shell: {@code hints} (the command's synopsis and options below the line as you
 * type; Alt-S toggles them too) and {@code autosuggest} (the rest of a matching history entry
 * shown in grey; → or Ctrl-E takes it).
 */
final class ShellSettings {
    static final List<String> KEYS = List.of("hints", "autosuggest");

    private final Map<String, Boolean> values = new LinkedHashMap<>();
    private final BiConsumer<String, Boolean> onChange;

    ShellSettings(boolean hints, BiConsumer<String, Boolean> onChange) {
        values.put("hints", hints);
        values.put("autosuggest", false);
        this.onChange = onChange;
    }

    boolean get(String key) {
        return values.get(key);
    }

    Map<String, Boolean> all() {
        return Map.copyOf(values);
    }

    /** @throws FanoutException (bad input) for a value that is not on or off */
    void set(String key, String value) {
        boolean on = switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw FanoutException.badInput("set " + key + " takes on or off, not '" + value + "'");
        };
        values.put(key, on);
        onChange.accept(key, on);
    }
}
