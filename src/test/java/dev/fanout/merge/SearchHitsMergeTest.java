package dev.fanout.merge;

import static dev.fanout.merge.Outputs.failed;
import static dev.fanout.merge.Outputs.succeeded;
import static dev.fanout.merge.Outputs.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchHitsMergeTest {
    private final SearchHitsMerge search = new SearchHitsMerge();

    private static List<String> ids(JsonNode merged) {
        List<String> out = new ArrayList<>();
        merged.get("hits")
                .forEach(h -> out.add(
                        h.has("id")
                                ? h.get("id").asText()
                                : h.has("url")
                                        ? h.get("url").asText()
                                        : h.get("path").asText() + ":"
                                                + h.path("line").asText()));
        return out;
    }

    @Test
    void deduplicatesByIdKeepingTheBestScoreAndEverySource() {
        JsonNode m = search.merge(List.of(
                succeeded(
                        "s1",
                        "search",
                        "{\"hits\": [{\"id\": \"a\", \"score\": 0.4, \"title\": \"from s1\"}, {\"id\": \"b\", \"score\": 0.9}]}"),
                succeeded("s2", "search", "{\"hits\": [{\"id\": \"a\", \"score\": 0.7, \"title\": \"from s2\"}]}"),
                succeeded("s3", "search", "[{\"id\": \"a\", \"score\": 0.5}]")));
        assertEquals(List.of("b", "a"), ids(m));
        JsonNode a = m.get("hits").get(1);
        assertEquals(0.7, a.get("score").asDouble());
        assertEquals("from s2", a.get("title").asText(), "the best copy's fields are kept");
        assertEquals(List.of("s1", "s2", "s3"), texts(a.get("sources")));
        assertEquals(4, m.get("total_hits").asInt());
        assertEquals(2, m.get("unique_hits").asInt());
    }

    @Test
    void withoutAnIdHitsAreTheSameByPathAndLineElseByUrl() {
        JsonNode m = search.merge(List.of(
                succeeded(
                        "s1",
                        "search",
                        "{\"hits\": [{\"path\": \"A.java\", \"line\": 3, \"score\": 1},"
                                + " {\"path\": \"A.java\", \"line\": 4, \"score\": 2}, {\"url\": \"https://x\", \"score\": 3}]}"),
                succeeded(
                        "s2",
                        "search",
                        "{\"results\": [{\"path\": \"A.java\", \"line\": \"3\", \"score\": 5},"
                                + " {\"url\": \"https://x\", \"score\": 0.5}]}")));
        assertEquals(List.of("A.java:3", "https://x", "A.java:4"), ids(m));
        assertEquals(List.of("s1", "s2"), texts(m.get("hits").get(0).get("sources")));
        assertEquals(3, m.get("hits").get(1).get("score").asInt(), "the url hit keeps its better score");
    }

    @Test
    void aHitWithoutScoreIsRankedLastWithoutAScoreAndANoteSaysSo() {
        JsonNode m = search.merge(List.of(succeeded(
                "s1",
                "search",
                "{\"hits\": [{\"id\": \"unscored\"}, {\"id\": \"low\", \"score\": -2},"
                        + " {\"id\": \"text\", \"score\": \"high\"}, {\"id\": \"high\", \"score\": 10}]}")));
        assertEquals(List.of("high", "low", "unscored", "text"), ids(m));
        assertFalse(m.get("hits").get(2).has("score"));
        assertEquals(
                "high",
                m.get("hits").get(3).get("score").asText(),
                "a non-numeric score is kept as given but not ranked");
        assertEquals(2, m.get("unscored_hits").asInt());
        assertTrue(texts(m.get("notes"))
                .contains("2 hit(s) have no numeric score; they are ranked last, in the order found, without a score"));
    }

    @Test
    void aScoredCopyOfAnUnscoredHitGivesItItsScore() {
        JsonNode m = search.merge(List.of(
                succeeded("s1", "search", "{\"hits\": [{\"id\": \"a\"}, {\"id\": \"b\", \"score\": 1}]}"),
                succeeded("s2", "search", "{\"hits\": [{\"id\": \"a\", \"score\": 2}]}")));
        assertEquals(List.of("a", "b"), ids(m));
        assertEquals(0, m.get("unscored_hits").asInt());
    }

    @Test
    void equalScoresKeepTheOrderFoundAndATaskFindingAHitTwiceIsOneSource() {
        JsonNode m = search.merge(
                List.of(
                        succeeded(
                                "s1",
                                "search",
                                "{\"hits\": [{\"id\": \"x\", \"score\": 1}, {\"id\": \"y\", \"score\": 1}, {\"id\": \"x\", \"score\": 1}]}")));
        assertEquals(List.of("x", "y"), ids(m));
        assertEquals(List.of("s1"), texts(m.get("hits").get(0).get("sources")));
    }

    @Test
    void scoresTooCloseForAFloatAreStillRankedExactly() {
        JsonNode m = search.merge(
                List.of(
                        succeeded(
                                "s1",
                                "search",
                                "{\"hits\": [{\"id\": \"lower\", \"score\": 0.30000000001},"
                                        + " {\"id\": \"tie\", \"score\": 0.30000000001}, {\"id\": \"higher\", \"score\": 0.30000000002},"
                                        + " {\"id\": \"negative\", \"score\": -0.5}, {\"id\": \"zero\", \"score\": 0}, {\"id\": \"big\", \"score\": 1e300}]}")));
        assertEquals(List.of("big", "higher", "lower", "tie", "zero", "negative"), ids(m));
    }

    @Test
    void hitsOfFailedTasksAreLeftOutAndTheTasksListed() {
        JsonNode m = search.merge(List.of(
                succeeded("s1", "search", "{\"hits\": [{\"id\": \"a\", \"score\": 1}]}"),
                failed("s2", "search", "{\"hits\": [{\"id\": \"b\", \"score\": 9}], \"error\": \"index offline\"}"),
                succeeded("s3", "search", null)));
        assertEquals(List.of("a"), ids(m));
        assertEquals("s2", m.get("failed_tasks").get(0).get("task").asText());
        assertEquals("index offline", m.get("failed_tasks").get(0).get("error").asText());
        assertTrue(texts(m.get("notes")).contains("task s3 returned no hits"));
    }

    @Test
    void hitsWithoutIdentityAreEachKeptAndNonObjectsLeftOutWithNotes() {
        JsonNode m = search.merge(List.of(succeeded(
                "s1",
                "search",
                "{\"hits\": [{\"title\": \"t\", \"score\": 1}, {\"title\": \"t\", \"score\": 1}, \"just text\"]}")));
        assertEquals(2, m.get("unique_hits").asInt());
        assertTrue(texts(m.get("notes"))
                .contains("2 hit(s) have no id, path or url, so they could not be deduplicated; each is kept"));
        assertTrue(texts(m.get("notes")).contains("1 hit(s) are not JSON objects and were left out"));
    }

    @Test
    void theTasksOwnHitsAreNotChanged() {
        TaskOutput o = succeeded("s1", "search", "{\"hits\": [{\"id\": \"a\", \"score\": 1}]}");
        String before = o.result().toString();
        search.merge(List.of(o, succeeded("s2", "search", "{\"hits\": [{\"id\": \"a\", \"score\": 2}]}")));
        assertEquals(before, o.result().toString());
    }
}
