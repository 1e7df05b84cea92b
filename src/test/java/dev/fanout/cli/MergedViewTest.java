package dev.fanout.cli;

import static dev.fanout.merge.Outputs.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.merge.Merged;
import dev.fanout.merge.ResultMerger;
import dev.fanout.merge.StrategyRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergedViewTest {
    private final ResultMerger merger = new ResultMerger(StrategyRegistry.withBuiltIns());

    @Test
    void tasksOfSeveralTypesGetEachTypesHeadlineByTheStrategyItGot() {
        Merged m = merger.merge(
                List.of(
                        succeeded("b1", "build", "{\"artifacts\": [{\"path\": \"a.jar\", \"size\": 3}]}"),
                        succeeded("s1", "analysis", "{\"lines\": 4}"),
                        succeeded("s2", "analysis", "{\"lines\": 5}")),
                "auto");

        assertEquals(
                "build (build): succeeded, 1 artifact; analysis (generic): 2 tasks, 2 succeeded",
                MergedView.headline(m));
    }

    @Test
    void oneStrategysHeadlineIsItsOwn() {
        Merged m = merger.merge(List.of(succeeded("s1", "analysis", "{\"lines\": 4}")), "auto");

        assertEquals("1 task, 1 succeeded", MergedView.headline(m));
    }
}
