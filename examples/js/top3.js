// A top-k search merge: the three best hits across every search task, each hit once, with
// every task that found it. A task's result looks like
//   {"hits": [{"id": "doc-7", "score": 0.93, "title": "..."}]}
// and a hit without an id is known by path and line, or by url. Hits without a score are
// counted, not ranked.
//   fanout js -f examples/js/top3.js
//   fanout merge --strategy top3
(function () {
  const K = 3;

  function keyOf(hit) {
    if (hit.id !== undefined) return 'id:' + hit.id;
    if (hit.path !== undefined) return 'path:' + hit.path + ':' + (hit.line || 0);
    if (hit.url !== undefined) return 'url:' + hit.url;
    return null;
  }

  fanout.registerMerge('top3', function (outputs) {
    const best = new Map();
    let unranked = 0;
    for (const output of outputs) {
      const hits = output.result && Array.isArray(output.result.hits) ? output.result.hits : [];
      for (const hit of hits) {
        const key = keyOf(hit);
        if (key === null || typeof hit.score !== 'number') {
          unranked++;
          continue;
        }
        const seen = best.get(key);
        if (seen === undefined) {
          best.set(key, {hit: hit, sources: [output.task_id]});
        } else {
          if (seen.sources.indexOf(output.task_id) < 0) seen.sources.push(output.task_id);
          if (hit.score > seen.hit.score) seen.hit = hit;
        }
      }
    }
    // one pass keeps the K best, best first: no need to sort every hit
    const top = [];
    best.forEach(entry => {
      if (top.length === K && entry.hit.score <= top[K - 1].hit.score) return;
      let at = top.length;
      while (at > 0 && top[at - 1].hit.score < entry.hit.score) at--;
      top.splice(at, 0, entry);
      if (top.length > K) top.pop();
    });
    return {
      top: top.map(entry => {
        const hit = JSON.parse(JSON.stringify(entry.hit));
        hit.sources = entry.sources;
        return hit;
      }),
      unique_hits: best.size,
      unranked_hits: unranked
    };
  }, `the ${K} best search hits, each once, with every task that found it`);
})();
