// Flaky tests across runs: a test that failed in some of the given runs but not in all of
// them is flaky; one that failed in every run is broken. Each run's results come from
// fanout.results(runId) and are merged with the 'testing' strategy.
//   fanout js -f examples/js/flaky.js
//   fanout pipeline run flaky-tests, with options {"runs": ["RUN_1", "RUN_2", "RUN_3"], "out": "flaky.json"}
(function () {
  // one name per failed test: "task test", whichever field names the strategy uses
  function failedTests(merged) {
    return (merged.failures || []).map(f => {
      const task = f.task_id || f.task || '?';
      const test = f.test || f.name || f.testcase || '?';
      return task + ' ' + (f.classname ? f.classname + '.' : '') + test;
    });
  }

  fanout.registerPipeline('flaky-tests', function (options) {
    const runs = options.runs;
    if (!Array.isArray(runs) || runs.length < 2) {
      throw new Error('flaky-tests needs options {runs: [two or more run ids]}');
    }
    const failedIn = new Map();
    for (const runId of runs) {
      const merged = fanout.merge('testing', fanout.results(runId));
      for (const test of failedTests(merged)) {
        if (!failedIn.has(test)) failedIn.set(test, []);
        if (failedIn.get(test).indexOf(runId) < 0) failedIn.get(test).push(runId);
      }
    }
    const flaky = [], broken = [];
    failedIn.forEach((inRuns, test) => {
      (inRuns.length < runs.length ? flaky : broken).push({test: test, failed_in: inRuns});
    });
    const byName = (a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : 0);
    flaky.sort(byName);
    broken.sort(byName);
    fanout.log(`${flaky.length} flaky, ${broken.length} failing in every run, over ${runs.length} runs`);
    const report = {runs: runs, flaky: flaky, broken: broken};
    if (options.out) fanout.write(options.out, report);
    return report;
  }, 'tests that fail in some runs but not in all');
})();
