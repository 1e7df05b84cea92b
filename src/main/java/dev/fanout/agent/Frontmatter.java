package dev.fanout.agent;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fanout.LocatedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Markdown file with YAML frontmatter ({@code ---}, YAML, {@code ---}, then the body), the
 * format AI coding tools read skills and agents in: the top-level fields with the line each
 * stands on, and the body. Also writes such files, in a stable form that reads back the same.
 */
public record Frontmatter(Path path, Map<String, JsonNode> fields, Map<String, Integer> lines, String body) {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final String FENCE = "---";
    /** A string that YAML reads back as that same string when written without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_]([A-Za-z0-9 ,._()/+-]*[A-Za-z0-9._)/+-])?");

    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

    public Frontmatter {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    /**
     * Reads and parses a file.
     *
     * @throws LocatedException when the file cannot be read, is not UTF-8, or has no valid frontmatter
     */
    public static Frontmatter read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw LocatedException.resourceFile(path, 0, "no such file");
        } catch (IOException e) {
            throw LocatedException.resourceFile(path, 0, "cannot read: " + e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw LocatedException.resourceFile(path, 0, "is not UTF-8 text");
        }
        return parse(path, text);
    }

    /**
     * Parses the text of a file; {@code path} is used in messages.
     *
     * @throws LocatedException naming the line when the frontmatter is missing, unclosed or not a YAML mapping
     */
    public static Frontmatter parse(Path path, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int firstEnd = lineEnd(text, 0);
        if (!isFence(text.substring(0, firstEnd))) {
            throw LocatedException.resourceFile(
                    path,
                    1,
                    "no frontmatter: the file must start with a '---' line, "
                            + "then YAML fields (name, description, …), then '---'");
        }
        int yamlStart = next(text, firstEnd);
        int at = yamlStart;
        int line = 2;
        while (at < text.length()) {
            int end = lineEnd(text, at);
            if (isFence(text.substring(at, end))) {
                String yaml = text.substring(yamlStart, at);
                String body = text.substring(next(text, end));
                if (body.startsWith("\r\n")) {
                    body = body.substring(2);
                } else if (body.startsWith("\n")) {
                    body = body.substring(1);
                }
                return fromYaml(path, yaml, body);
            }
            at = next(text, end);
            line++;
        }
        throw LocatedException.resourceFile(
                path, line - 1, "the frontmatter is not closed: add a '---' line after its fields");
    }

    private static Frontmatter fromYaml(Path path, String yaml, String body) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Frontmatter(path, fields, lines, body);
            }
            if (first != JsonToken.START_OBJECT) {
                throw LocatedException.resourceFile(
                        path,
                        fileLine(p.currentTokenLocation()),
                        "the frontmatter must be YAML fields ('name: …'), not a single value or a list");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                lines.put(key, fileLine(p.currentTokenLocation()));
                p.nextToken();
                fields.put(key, p.readValueAsTree());
            }
            return new Frontmatter(path, fields, lines, body);
        } catch (JsonProcessingException e) {
            String what = e.getOriginalMessage()
                    .lines()
                    .findFirst()
                    .orElse("syntax error")
                    .trim();
            throw LocatedException.resourceFile(
                    path, fileLine(e.getLocation()), "the frontmatter is not valid YAML: " + what);
        } catch (IOException e) {
            throw LocatedException.resourceFile(path, 0, "cannot read: " + e.getMessage());
        }
    }

    /** The line in the file: YAML starts on the file's second line. */
    private static int fileLine(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? 1 : loc.getLineNr() + 1;
    }

    private static boolean isFence(String line) {
        return line.stripTrailing().equals(FENCE);
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    private static int next(String text, int lineEnd) {
        return Math.min(text.length(), lineEnd + 1);
    }

    /** The line a field stands on, or 1 (the start of the frontmatter) when it is absent. */
    public int lineOf(String key) {
        return lines.getOrDefault(key, 1);
    }

    /** An error about a field, at its line. */
    public LocatedException error(String key, String problem) {
        return LocatedException.resourceFile(path, lineOf(key), problem);
    }

    /** A scalar field as text, or null when absent, null or blank. */
    public String text(String key) {
        JsonNode node = fields.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw error(key, "'" + key + "' must be a single value, not " + (node.isArray() ? "a list" : "fields"));
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    /**
     * A list of strings given as a YAML list, or as one string split at commas when
     * {@code commaString} allows it (the {@code tools: Bash, Read} form); empty when absent.
     */
    public List<String> strings(String key, boolean commaString) {
        JsonNode node = fields.get(key);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isValueNode() && commaString) {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        if (!node.isArray()) {
            throw error(
                    key,
                    "'" + key + "' must be a list of strings" + (commaString ? " or a comma-separated string" : ""));
        }
        for (JsonNode item : node) {
            if (!item.isValueNode() || item.isNull()) {
                throw error(key, "'" + key + "' must hold only strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A map of strings ({@code metadata}); empty when absent. */
    public Map<String, String> stringMap(String key) {
        JsonNode node = fields.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw error(key, "'" + key + "' must be fields of strings ('key: value')");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw error(key, "'" + key + "." + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /**
     * A file's text: frontmatter from {@code fields} (String, List of String as a flow list,
     * Map of String to String as nested fields; nulls and empty lists and maps left out), a
     * blank line, then the body.
     */
    public static String format(Map<String, Object> fields, String body) {
        StringBuilder out = new StringBuilder(FENCE).append('\n');
        fields.forEach((key, value) -> {
            if (value instanceof String s) {
                out.append(key).append(": ").append(scalar(s)).append('\n');
            } else if (value instanceof List<?> list && !list.isEmpty()) {
                out.append(key).append(": [");
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(quoted(String.valueOf(list.get(i))));
                }
                out.append("]\n");
            } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                out.append(key).append(":\n");
                map.forEach((k, v) -> out.append("  ")
                        .append(scalar(String.valueOf(k)))
                        .append(": ")
                        .append(scalar(String.valueOf(v)))
                        .append('\n'));
            }
        });
        return out.append(FENCE).append("\n\n").append(body).toString();
    }

    /** A string as a YAML scalar: bare when YAML reads it back unchanged, else double-quoted. */
    static String scalar(String s) {
        return PLAIN.matcher(s).matches() && !YAML_WORDS.contains(s.toLowerCase()) ? s : quoted(s);
    }

    /**
     * A YAML double-quoted string. JSON's escapes are all valid YAML; characters YAML does not
     * allow raw (controls, line and paragraph separators, BOM, lone surrogates) are escaped too.
     */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    boolean pair = Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pair) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20
                            || (c >= 0x7F && c <= 0x9F)
                            || c == '\u2028'
                            || c == '\u2029'
                            || c == '\uFEFF'
                            || c == '\uFFFE'
                            || c == '\uFFFF'
                            || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
