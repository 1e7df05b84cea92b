(() => {
  'use strict';
  // Everything taken from tasks reaches the page through textContent, never through markup.
  const root = document.documentElement;
  root.dataset.parsedMs = Math.round(performance.now());
  const D = JSON.parse(document.getElementById('data').textContent);
  root.classList.add('has-js');
  const STATUS = D.statuses;
  const NB = 6;
  const nBars = D.bars.length / NB;
  const tasks = D.tasks;
  const crit = new Set(D.crit);
  const critNext = new Map();
  for (let i = 1; i < D.crit.length; i++) critNext.set(D.crit[i - 1], D.crit[i]);
  let C = {};
  const readColors = () => {
    const cs = getComputedStyle(root);
    const v = (n) => cs.getPropertyValue(n).trim();
    C = {
      bg: v('--bg'), fg: v('--fg'), muted: v('--muted'), line: v('--line'), panel: v('--panel'),
      crit: v('--crit'), est: v('--est'), accent: v('--accent'),
      status: {
        pending: v('--pend'), running: v('--run'), succeeded: v('--ok'), failed: v('--fail'),
        timed_out: v('--timeout'), skipped: v('--skip'), cancelled: v('--cancel')
      }
    };
  };
  readColors();
  const bar = (i, k) => D.bars[i * NB + k];
  const fmt = (ms) => {
    const s = ms / 1000;
    if (s < 1) return Math.round(ms) + 'ms';
    if (s < 60) return s.toFixed(s < 10 ? 2 : 1) + 's';
    const t = Math.round(s);
    return t < 3600 ? Math.floor(t / 60) + 'm' + String(t % 60).padStart(2, '0') + 's'
      : Math.floor(t / 3600) + 'h' + String(Math.floor(t / 60) % 60).padStart(2, '0') + 'm';
  };
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const fitCanvas = (canvas, cssHeight) => {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.parentElement.clientWidth;
    canvas.style.height = cssHeight + 'px';
    canvas.width = Math.max(1, Math.round(w * dpr));
    canvas.height = Math.max(1, Math.round(cssHeight * dpr));
    const g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { g, w, h: cssHeight };
  };

  // per task: its bars, for details and sorting
  const barsOf = tasks.map(() => []);
  for (let i = 0; i < nBars; i++) barsOf[bar(i, 0)].push(i);
  const rows = Array.from(document.querySelectorAll('#task-table tbody tr'));

  function details(box, t) {
    box.replaceChildren();
    const [id, st, est, , wave, type, how] = tasks[t];
    box.append(el('h3', id));
    const facts = [STATUS[st], type, 'wave ' + (wave + 1)];
    if (crit.has(t)) facts.push('on the critical path');
    if (est != null) facts.push('estimate ' + fmt(est * 1000));
    box.append(el('p', facts.join(' · ')));
    if (how) box.append(el('pre', how));
    const list = el('ul');
    for (const i of barsOf[t]) {
      let line = 'attempt ' + bar(i, 1) + ': ' + STATUS[bar(i, 4)] + ', started at +' + fmt(bar(i, 2)) +
        ', ran ' + fmt(bar(i, 3) - bar(i, 2)) + ', slot ' + (bar(i, 5) + 1);
      if (D.errors[i]) line += ' — ' + D.errors[i];
      list.append(el('li', line));
    }
    if (barsOf[t].length) box.append(list);
    const why = rows[t] && rows[t].cells[7];
    if (why && why.textContent.trim()) {
      const reason = why.firstChild && why.firstChild.nodeType === 3 ? why.firstChild.textContent : '';
      if (reason) box.append(el('p', reason));
      const tail = why.querySelector('pre');
      if (tail) box.append(el('pre', tail.textContent, 'tail'));
    }
    const link = el('button', 'Show in table');
    link.type = 'button';
    link.addEventListener('click', () => {
      rows.forEach((r) => r.classList.remove('sel'));
      rows[t].hidden = false;
      rows[t].classList.add('sel');
      rows[t].scrollIntoView({ block: 'center' });
    });
    box.append(link);
    box.hidden = false;
  }

  // ---- timeline ----
  const tl = document.getElementById('timeline-canvas');
  const tip = document.getElementById('tip');
  const lanes = Math.max(1, D.lanes);
  const rowH = lanes <= 30 ? 22 : Math.max(3, Math.floor(660 / lanes));
  const axisH = 24;
  let span = D.wallMs;
  for (let i = 0; i < nBars; i++) span = Math.max(span, bar(i, 3));
  for (const t of tasks.keys()) {
    const b = barsOf[t][0];
    if (b != null && tasks[t][2] != null) span = Math.max(span, bar(b, 2) + tasks[t][2] * 1000);
  }
  span = Math.max(1, span * 1.02);
  const view = { a: 0, b: span };
  const byLane = Array.from({ length: lanes }, () => []);
  for (let i = 0; i < nBars; i++) byLane[bar(i, 5)].push(i);
  byLane.forEach((l) => l.sort((x, y) => bar(x, 2) - bar(y, 2)));
  let hover = -1;
  let selected = -1;
  let T = null;

  function ticks(a, b, px) {
    const want = Math.max(2, Math.floor(px / 110));
    const raw = (b - a) / want;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) || raw;
    const out = [];
    for (let t = Math.ceil(a / step) * step; t <= b; t += step) out.push(t);
    return out;
  }

  function drawTimeline() {
    T = fitCanvas(tl, lanes * rowH + axisH);
    const { g, w } = T;
    const k = w / (view.b - view.a);
    const x = (t) => (t - view.a) * k;
    g.fillStyle = C.panel;
    g.fillRect(0, 0, w, T.h);
    for (let l = 0; l < lanes; l += 2) {
      g.fillStyle = C.bg;
      g.fillRect(0, axisH + l * rowH, w, rowH);
    }
    g.font = '11px system-ui, sans-serif';
    g.textBaseline = 'middle';
    g.strokeStyle = C.line;
    g.fillStyle = C.muted;
    for (const t of ticks(view.a, view.b, w)) {
      const px = Math.round(x(t)) + 0.5;
      g.beginPath();
      g.moveTo(px, axisH - 6);
      g.lineTo(px, T.h);
      g.stroke();
      if (px + 48 < w) g.fillText(fmt(t), px + 3, 10);
    }
    const pad = rowH > 8 ? 2 : 0;
    const y = (l) => axisH + l * rowH + pad;
    const bh = rowH - 2 * pad;
    // estimates: a faint bar from each task's first start, in the lower part of its row
    g.fillStyle = C.est;
    for (const t of tasks.keys()) {
      const first = barsOf[t][0];
      if (first == null || tasks[t][2] == null) continue;
      const s = bar(first, 2);
      const x0 = x(s);
      const x1 = x(s + tasks[t][2] * 1000);
      if (x1 < 0 || x0 > w) continue;
      g.fillRect(x0, y(bar(first, 5)) + bh * 0.7, Math.max(1, x1 - x0), Math.max(1, bh * 0.3));
    }
    // backoff between one attempt and the next
    g.save();
    g.setLineDash([4, 3]);
    g.strokeStyle = C.muted;
    g.lineWidth = 1.5;
    g.beginPath();
    for (let i = 1; i < nBars; i++) {
      if (bar(i, 0) !== bar(i - 1, 0)) continue;
      g.moveTo(x(bar(i - 1, 3)), y(bar(i - 1, 5)) + bh / 2);
      g.lineTo(x(bar(i, 2)), y(bar(i, 5)) + bh / 2);
    }
    g.stroke();
    g.restore();
    let drawn = 0;
    let critDrawn = 0;
    for (let i = 0; i < nBars; i++) {
      const s = x(bar(i, 2));
      const e = x(bar(i, 3));
      if (e < -1 || s > w + 1) continue;
      const bw = Math.max(1, e - s);
      const top = y(bar(i, 5));
      g.fillStyle = C.status[STATUS[bar(i, 4)]] || C.muted;
      g.fillRect(s, top, bw, bh * (tasks[bar(i, 0)][2] != null && bar(i, 1) === 1 ? 0.7 : 1));
      drawn++;
      if (bar(i, 1) > 1 && bw > 6) {
        g.fillStyle = C.bg;
        g.fillRect(s, top, 2, bh);
      }
      if (crit.has(bar(i, 0))) {
        critDrawn++;
        g.strokeStyle = C.crit;
        g.lineWidth = 2;
        g.strokeRect(s + 1, top + 1, Math.max(1, bw - 2), Math.max(1, bh - 2));
      }
      if (i === hover || i === selected) {
        g.strokeStyle = C.fg;
        g.lineWidth = 2;
        g.strokeRect(s - 1, top - 1, bw + 2, bh + 2);
      }
      if (bw > 40 && bh >= 12) {
        g.save();
        g.beginPath();
        g.rect(s, top, bw, bh);
        g.clip();
        g.fillStyle = '#fff';
        const label = tasks[bar(i, 0)][0] + (bar(i, 1) > 1 ? ' (try ' + bar(i, 1) + ')' : '');
        g.fillText(label, s + 4, top + bh * 0.38);
        g.restore();
      }
    }
    tl.dataset.bars = drawn;
    tl.dataset.criticalBars = critDrawn;
  }

  function barAt(px, py) {
    if (!T || py < axisH) return -1;
    const l = Math.floor((py - axisH) / rowH);
    if (l < 0 || l >= lanes) return -1;
    const k = T.w / (view.b - view.a);
    const t = view.a + px / k;
    const slack = 3 / k;
    const list = byLane[l];
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (bar(list[mid], 2) <= t + slack) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found >= 0 && bar(list[found], 3) >= t - slack ? list[found] : -1;
  }

  let frame = 0;
  const redraw = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; drawTimeline(); });
  };
  const zoom = (factor, at) => {
    const mid = at == null ? (view.a + view.b) / 2 : at;
    const width = Math.min(span * 4, Math.max(1, (view.b - view.a) * factor));
    const r = (mid - view.a) / (view.b - view.a);
    view.a = mid - r * width;
    view.b = view.a + width;
    redraw();
  };
  document.querySelectorAll('[data-zoom]').forEach((b) => b.addEventListener('click', () => {
    const z = b.dataset.zoom;
    if (z === 'reset') { view.a = 0; view.b = span; redraw(); } else zoom(z === 'in' ? 0.5 : 2);
  }));
  const detailsBox = document.getElementById('details');
  function pannable(canvas, onDrag, onClick, onHover) {
    let drag = null;
    canvas.addEventListener('mousedown', (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
    window.addEventListener('mousemove', (e) => {
      if (drag) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
        if (drag.moved) { onDrag(dx, dy); drag.x = e.clientX; drag.y = e.clientY; }
      } else if (e.target === canvas && onHover) {
        const r = canvas.getBoundingClientRect();
        onHover(e.clientX - r.left, e.clientY - r.top);
      }
    });
    window.addEventListener('mouseup', (e) => {
      if (drag && !drag.moved && e.target === canvas) {
        const r = canvas.getBoundingClientRect();
        onClick(e.clientX - r.left, e.clientY - r.top);
      }
      drag = null;
    });
  }
  pannable(tl, (dx) => {
    const dt = dx * (view.b - view.a) / T.w;
    view.a -= dt;
    view.b -= dt;
    redraw();
  }, (px, py) => {
    selected = barAt(px, py);
    if (selected >= 0) details(detailsBox, bar(selected, 0));
    redraw();
  }, (px, py) => {
    const i = barAt(px, py);
    if (i !== hover) { hover = i; redraw(); }
    if (i < 0) { tip.hidden = true; return; }
    const t = bar(i, 0);
    tip.textContent = tasks[t][0] + '\n' + STATUS[bar(i, 4)] + ' · attempt ' + bar(i, 1) + ' · ' +
      fmt(bar(i, 3) - bar(i, 2)) + (crit.has(t) ? ' · critical path' : '') +
      (tasks[t][2] != null ? '\nestimate ' + fmt(tasks[t][2] * 1000) : '') + (D.errors[i] ? '\n' + D.errors[i] : '');
    tip.hidden = false;
    tip.style.left = Math.min(px + 12, T.w - 300) + 'px';
    tip.style.top = (py + 14) + 'px';
  });
  tl.addEventListener('mouseleave', () => { tip.hidden = true; if (hover >= 0) { hover = -1; redraw(); } });
  tl.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = tl.getBoundingClientRect();
    zoom(Math.pow(1.2, e.deltaY / 100), view.a + (e.clientX - r.left) * (view.b - view.a) / T.w);
  }, { passive: false });

  // ---- graph ----
  const gc = document.getElementById('graph-canvas');
  const NW = 150, NH = 22, CG = 70, RG = 8;
  const pos = new Array(tasks.length);
  let tallest = 1;
  D.waves.forEach((wave, c) => {
    tallest = Math.max(tallest, wave.length);
    wave.forEach((t, r) => { pos[t] = [c * (NW + CG), r * (NH + RG)]; });
  });
  const worldW = Math.max(1, D.waves.length * (NW + CG) - CG);
  const worldH = Math.max(1, tallest * (NH + RG) - RG);
  const gv = { kx: 1, ky: 1, x: 0, y: 0 };
  let G = null;
  let gSel = -1;
  const gHeight = () => Math.min(640, Math.max(160, worldH + 40));
  function fitGraph() {
    const w = gc.parentElement.clientWidth;
    // each axis on its own scale: a graph of many short waves or a few huge ones still fills the box
    gv.kx = Math.min((w - 40) / worldW, 1.2);
    gv.ky = Math.min((gHeight() - 40) / worldH, 1.2);
    gv.kx = Math.min(gv.kx, Math.max(gv.ky, 0.35));
    gv.x = (w - worldW * gv.kx) / 2;
    gv.y = 20;
  }
  function drawGraph() {
    G = fitCanvas(gc, gHeight());
    const { g, w, h } = G;
    g.fillStyle = C.panel;
    g.fillRect(0, 0, w, h);
    const kx = gv.kx, ky = gv.ky;
    const sx = (t) => gv.x + pos[t][0] * kx;
    const sy = (t) => gv.y + pos[t][1] * ky;
    const critPath = new Path2D();
    const plain = new Path2D();
    for (let i = 0; i < D.edges.length; i += 2) {
      const a = D.edges[i], b = D.edges[i + 1];
      const p = critNext.get(a) === b ? critPath : plain;
      const x0 = sx(a) + NW * kx, y0 = sy(a) + NH * ky / 2, x1 = sx(b), y1 = sy(b) + NH * ky / 2;
      if (Math.max(x0, x1) < 0 || Math.min(x0, x1) > w || Math.max(y0, y1) < 0 || Math.min(y0, y1) > h) continue;
      p.moveTo(x0, y0);
      const mx = (x0 + x1) / 2;
      p.bezierCurveTo(mx, y0, mx, y1, x1, y1);
    }
    g.strokeStyle = C.muted;
    g.globalAlpha = D.edges.length > 4000 ? 0.25 : 0.6;
    g.lineWidth = 1;
    g.stroke(plain);
    g.globalAlpha = 1;
    g.strokeStyle = C.crit;
    g.lineWidth = 2.5;
    g.stroke(critPath);
    let nodes = 0;
    const labels = NH * ky >= 11 && NW * kx >= 40;
    g.font = Math.min(12, NH * ky * 0.55).toFixed(1) + 'px system-ui, sans-serif';
    g.textBaseline = 'middle';
    for (let t = 0; t < tasks.length; t++) {
      const x = sx(t), y = sy(t), nw = NW * kx, nh = Math.max(1, NH * ky);
      if (x + nw < 0 || x > w || y + nh < 0 || y > h) continue;
      nodes++;
      g.fillStyle = C.status[STATUS[tasks[t][1]]] || C.muted;
      g.fillRect(x, y, Math.max(1, nw), nh);
      if (crit.has(t) || t === gSel) {
        g.strokeStyle = t === gSel ? C.fg : C.crit;
        g.lineWidth = 2;
        g.strokeRect(x - 1, y - 1, nw + 2, nh + 2);
      }
      if (labels) {
        g.save();
        g.beginPath();
        g.rect(x, y, nw, nh);
        g.clip();
        g.fillStyle = tasks[t][1] === STATUS.indexOf('skipped') || tasks[t][1] === STATUS.indexOf('pending') ? C.fg : '#fff';
        g.fillText(tasks[t][0], x + 5, y + nh / 2);
        g.restore();
      }
    }
    gc.dataset.nodes = nodes;
  }
  const nodeAt = (px, py) => {
    const wx = (px - gv.x) / gv.kx, wy = (py - gv.y) / gv.ky;
    const c = Math.floor(wx / (NW + CG)), r = Math.floor(wy / (NH + RG));
    if (c < 0 || c >= D.waves.length || wx - c * (NW + CG) > NW || wy - r * (NH + RG) > NH) return -1;
    const t = D.waves[c][r];
    return t == null ? -1 : t;
  };
  let gframe = 0;
  const gredraw = () => { if (!gframe) gframe = requestAnimationFrame(() => { gframe = 0; drawGraph(); }); };
  const gDetails = document.getElementById('gdetails');
  pannable(gc, (dx, dy) => { gv.x += dx; gv.y += dy; gredraw(); },
    (px, py) => { gSel = nodeAt(px, py); if (gSel >= 0) details(gDetails, gSel); gredraw(); });
  gc.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = gc.getBoundingClientRect();
    const px = e.clientX - r.left, py = e.clientY - r.top;
    const f = Math.pow(1.2, -e.deltaY / 100);
    gv.x = px - (px - gv.x) * f;
    gv.y = py - (py - gv.y) * f;
    gv.kx *= f;
    gv.ky *= f;
    gredraw();
  }, { passive: false });
  document.querySelectorAll('[data-gzoom]').forEach((b) => b.addEventListener('click', () => { fitGraph(); gredraw(); }));

  // ---- table: sort and filter ----
  const tbody = document.querySelector('#task-table tbody');
  const secs = tasks.map((_, t) => barsOf[t].reduce((s, i) => s + bar(i, 3) - bar(i, 2), 0));
  const num = (t, c) => { const v = parseFloat(rows[t].cells[c].textContent); return isNaN(v) ? -Infinity : v; };
  const keys = {
    id: (t) => tasks[t][0], type: (t) => tasks[t][5], status: (t) => STATUS[tasks[t][1]], seconds: (t) => secs[t],
    estimate: (t) => (tasks[t][2] == null ? -Infinity : tasks[t][2]), attempts: (t) => barsOf[t].length, exit: (t) => num(t, 6)
  };
  const cmp = new Intl.Collator(undefined, { numeric: true }).compare;
  document.querySelectorAll('#task-table th[data-sort]').forEach((th) => {
    th.tabIndex = 0;
    const sort = () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      document.querySelectorAll('#task-table th').forEach((o) => o.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      const key = keys[th.dataset.sort];
      const order = tasks.map((_, t) => t);
      const vals = order.map(key);
      order.sort((a, b) => {
        const x = vals[a], y = vals[b];
        const c = typeof x === 'string' ? cmp(x, y) : x - y;
        return dir * (c || a - b);
      });
      const f = document.createDocumentFragment();
      order.forEach((t) => f.append(rows[t]));
      tbody.append(f);
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter') sort(); });
  });
  const fs = document.getElementById('f-status'), ft = document.getElementById('f-type'), fx = document.getElementById('f-text');
  const fc = document.getElementById('f-count');
  const filter = () => {
    const s = fs.value, ty = ft.value, x = fx.value.toLowerCase();
    let shown = 0;
    tasks.forEach((task, t) => {
      const ok = (!s || STATUS[task[1]] === s) && (!ty || task[5] === ty) && (!x || task[0].toLowerCase().includes(x));
      rows[t].hidden = !ok;
      if (ok) shown++;
    });
    fc.textContent = shown + ' of ' + tasks.length + ' tasks';
  };
  [fs, ft].forEach((e) => e.addEventListener('change', filter));
  fx.addEventListener('input', filter);
  fc.textContent = tasks.length + ' tasks';

  drawTimeline();
  fitGraph();
  drawGraph();
  window.addEventListener('resize', () => { redraw(); gredraw(); });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => { readColors(); redraw(); gredraw(); });
  root.dataset.attempts = nBars;
  root.dataset.readyMs = Math.round(performance.now());
  root.dataset.ready = '1';
})();
