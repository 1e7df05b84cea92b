// The nightly pipeline: load a tasks file, keep what should run at night, run it, merge the
// results and write the report.
//   fanout js -f examples/js/nightly.js
//   fanout pipeline run nightly, with options such as
//     {"file": "examples/five-test-suites.json", "skip_types": ["deployment"], "strategy": "auto", "out": "nightly-report.json"}
(function () {
  const defaults = {
    file: 'examples/five-test-suites.json',
    skip_types: ['deployment'],
    strategy: 'auto',
    out: 'nightly-report.json'
  };

  // drops the skipped types, and every task that needs a dropped task
  function tonight(tasks, skipTypes) {
    const kept = new Set(tasks.filter(t => skipTypes.indexOf(t.type) < 0).map(t => t.id));
    let changed = true;
    while (changed) {
      changed = false;
      for (const t of tasks) {
        if (kept.has(t.id) && (t.depends_on || []).some(d => !kept.has(d))) {
          kept.delete(t.id);
          changed = true;
        }
      }
    }
    return tasks.filter(t => kept.has(t.id));
  }

  fanout.registerPipeline('nightly', function (options) {
    const o = {};
    for (const key in defaults) o[key] = options[key] !== undefined ? options[key] : defaults[key];
    const all = fanout.load(o.file);
    const tasks = tonight(all, o.skip_types);
    fanout.log(`nightly: ${tasks.length} of ${all.length} tasks from ${o.file}`);
    const run = fanout.run({tasks: tasks, config: all.config});
    const merged = fanout.merge(o.strategy, fanout.results(run.run_id));
    const report = {
      date: new Date().toISOString(),
      run_id: run.run_id,
      status: run.status,
      tasks: tasks.map(t => t.id),
      skipped: all.filter(t => tasks.indexOf(t) < 0).map(t => t.id),
      merged: merged
    };
    fanout.write(o.out, report);
    fanout.log(`nightly: run ${run.run_id} ${run.status}; report written to ${o.out}`);
    return report;
  }, 'load, filter, run, merge and write the nightly report');
})();
