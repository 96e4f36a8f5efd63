/* facepipe report.html renderer: reads the JSON in #report-data and draws it with uPlot (inlined before this script). */
(function () {
  'use strict';
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('report');
  var charts = [];
  var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
  var color = function (i) { return PALETTE[i % PALETTE.length]; };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'className') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  var fmt = function (v, d) { return v == null || !isFinite(v) ? '–' : Number(v).toFixed(d); };
  var width = function (box) { return Math.max(320, Math.min(1100, (box.clientWidth || 900) - 4)); };

  /** One uPlot chart in a titled figure; `kind` tags the figure for tests (data-chart). */
  function chart(parent, kind, title, opts, cols) {
    var fig = el('figure', { className: 'chart', 'data-chart': kind }, [el('figcaption', { text: title })]);
    parent.appendChild(fig);
    opts.width = width(parent);
    opts.height = opts.height || 170;
    opts.scales = Object.assign({ x: { time: false } }, opts.scales || {});
    opts.cursor = Object.assign({ drag: { x: true, y: false } }, opts.cursor || {});
    opts.legend = Object.assign({ live: false }, opts.legend || {});
    charts.push(new uPlot(opts, cols, fig));
    return fig;
  }

  /** Spread a track's sparse values onto the input's frame axis (null where not seen). */
  function dense(n, at, values) {
    var out = new Array(n).fill(null);
    for (var k = 0; k < at.length; k++) out[at[k]] = values ? values[k] : 1;
    return out;
  }
  var trackSeries = function (tracks, width) {
    return tracks.map(function (tr, i) { return { label: '#' + tr.id, stroke: color(i), width: width || 1.5, spanGaps: false, points: { size: 4 } }; });
  };

  function inputTable(inputs) {
    var head = el('tr', null, ['input', 'status', 'frames', 'fps', 'frames with a face', 'tracks', 'error', 'outputs'].map(function (h) { return el('th', { text: h }); }));
    var rows = inputs.map(function (inp) {
      var links = el('td', { className: 'links' });
      [['jsonl', 'JSONL'], ['annotated', inp.kind === 'image' ? 'annotated image' : 'annotated video'], ['masks', 'masks']].forEach(function (l) {
        if (inp.links[l[0]]) links.appendChild(el('a', { href: inp.links[l[0]], text: l[1] }));
      });
      return el('tr', { className: 'input-row status-' + inp.status, 'data-input': inp.name }, [
        el('td', null, [el('a', { href: '#input-' + inp.name, text: inp.name })]),
        el('td', { className: 'status', text: inp.status }),
        el('td', { className: 'num', text: String(inp.frames) }),
        el('td', { className: 'num', text: fmt(inp.fps, 1) }),
        el('td', { className: 'num', text: inp.status === 'failed' ? '–' : inp.framesWithFace + ' (' + (inp.frames ? Math.round((100 * inp.framesWithFace) / inp.frames) : 0) + ' %)' }),
        el('td', { className: 'num', text: String(inp.tracks) }),
        el('td', { className: 'error', text: inp.error || '' }),
        links,
      ]);
    });
    return el('table', { className: 'inputs' }, [el('thead', null, [head]), el('tbody', null, rows)]);
  }

  function inputSection(inp) {
    var sec = el('section', { className: 'input', id: 'input-' + inp.name, 'data-input': inp.name }, [el('h2', { text: inp.name + ' ' }, [el('span', { className: 'badge status-' + inp.status, text: inp.status })]), el('p', { className: 'path', text: inp.input })]);
    root.appendChild(sec);
    if (inp.error) sec.appendChild(el('pre', { className: 'error-text', text: inp.error }));
    var s = inp.series;
    if (!s) return;
    var n = s.t.length;
    var tracks = s.tracks;
    if (tracks.length > 0) {
      var sheet = el('div', { className: 'contact-sheet' });
      tracks.forEach(function (tr, i) {
        sheet.appendChild(el('figure', { className: 'thumb', 'data-track': String(tr.id) }, [
          tr.thumb ? el('img', { src: tr.thumb, alt: 'track ' + tr.id, width: '96', height: '96' }) : el('div', { className: 'no-thumb', text: 'no thumbnail' }),
          el('figcaption', null, [el('b', { text: '#' + tr.id, style: 'color:' + color(i) }), ' best ' + fmt(tr.bestScore, 3) + ' @ frame ' + tr.bestFrame, el('br'), tr.at.length + (tr.at.length === 1 ? ' frame' : ' frames')]),
        ]));
      });
      sec.appendChild(el('h3', { text: 'Tracks' }));
      sec.appendChild(sheet);
    }
    if (n > 1) {
      if (s.faces) chart(sec, 'faces', 'Faces per frame', { series: [{ label: 's' }, { label: 'faces', stroke: '#1f77b4', fill: 'rgba(31,119,180,0.12)', paths: uPlot.paths.stepped({ align: 1 }), points: { show: false } }], axes: [{ label: 'time (s)' }, { label: 'faces' }], scales: { y: { range: function (u, mn, mx) { return [0, Math.max(1, mx) + 0.5]; } } } }, [s.t, s.faces]);
      if (tracks.length > 0) {
        var lanes = [s.t].concat(tracks.map(function (tr, i) { return dense(n, tr.at, null).map(function (v) { return v === null ? null : i + 1; }); }));
        chart(sec, 'lanes', 'Track lanes (one row per id: when it was seen)', {
          height: Math.max(140, 90 + 26 * tracks.length),
          series: [{ label: 's' }].concat(trackSeries(tracks, 8)),
          legend: { show: false },
          scales: { y: { range: [0.3, tracks.length + 0.7] } },
          axes: [{ label: 'time (s)' }, { label: 'track', splits: function () { return tracks.map(function (_, i) { return i + 1; }); }, values: function (u, v) { return v.map(function (x) { var tr = tracks[x - 1]; return tr ? '#' + tr.id : ''; }); } }],
        }, lanes);
        var legend = { show: tracks.length <= 16 };
        chart(sec, 'score', 'Detection score per track', { series: [{ label: 's' }].concat(trackSeries(tracks)), legend: legend, scales: { y: { range: [0, 1] } }, axes: [{ label: 'time (s)' }, { label: 'score' }] }, [s.t].concat(tracks.map(function (tr) { return dense(n, tr.at, tr.score); })));
        if (tracks.some(function (tr) { return tr.yaw; })) {
          ['yaw', 'pitch', 'roll'].forEach(function (k) {
            chart(sec, 'pose-' + k, k[0].toUpperCase() + k.slice(1) + ' per track (degrees)', { series: [{ label: 's' }].concat(trackSeries(tracks)), legend: legend, axes: [{ label: 'time (s)' }, { label: k + ' (°)' }] }, [s.t].concat(tracks.map(function (tr) { return dense(n, tr.at, tr[k]); })));
          });
        }
      }
      if (s.coverage) chart(sec, 'coverage', 'Person mask coverage', { series: [{ label: 's' }, { label: 'coverage', stroke: '#2ca02c', fill: 'rgba(44,160,44,0.12)', points: { show: false } }], scales: { y: { range: [0, 1] } }, axes: [{ label: 'time (s)' }, { label: 'fraction of frame' }] }, [s.t, s.coverage]);
    }
    if (inp.links.annotated) {
      sec.appendChild(el('h3', { text: inp.kind === 'image' ? 'Annotated image' : 'Annotated video' }));
      sec.appendChild(inp.kind === 'image' ? el('img', { className: 'annotated', src: inp.links.annotated, alt: 'annotated ' + inp.name }) : el('video', { className: 'annotated', src: inp.links.annotated, controls: '', preload: 'metadata', muted: '' }));
    }
  }

  function kvTable(obj) {
    return el('table', { className: 'kv' }, [el('tbody', null, Object.keys(obj).filter(function (k) { return typeof obj[k] !== 'object' || obj[k] === null; }).map(function (k) { return el('tr', null, [el('th', { text: k }), el('td', { text: String(obj[k]) })]); }))]);
  }

  function evalSection(ev) {
    var sec = el('section', { className: 'eval', id: 'eval' }, [el('h2', { text: 'Evaluation: ' + ev.task })]);
    root.appendChild(sec);
    sec.appendChild(kvTable(ev.metrics));
    var c = ev.curve;
    if (c.kind === 'pr') {
      chart(sec, 'pr', 'Precision-recall curve (AP = ' + fmt(c.ap, 4) + ')', { height: 320, series: [{ label: 'recall' }, { label: 'precision', stroke: '#1f77b4', width: 2, points: { show: false } }], scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1.02] } }, axes: [{ label: 'recall' }, { label: 'precision' }] }, [c.recall, c.precision]);
    } else if (c.kind === 'ced') {
      chart(sec, 'ced', 'Cumulative error distribution of NME (AUC@' + c.limit + ' = ' + fmt(c.auc, 4) + ', failure rate@' + c.limit + ' = ' + fmt(c.failureRate, 4) + ')', { height: 320, series: [{ label: 'NME' }, { label: 'fraction of faces', stroke: '#d62728', width: 2, points: { show: false } }], scales: { x: { time: false, range: [0, c.limit] }, y: { range: [0, 1] } }, axes: [{ label: 'NME (outer-eye-corner normalised)' }, { label: 'fraction ≤ NME' }] }, [c.threshold, c.fraction]);
    } else {
      var mid = c.binStart.map(function (b) { return b + c.binWidth / 2; });
      chart(sec, 'iou-histogram', 'Per-image IoU (mean ' + fmt(c.meanIou, 4) + ')', { height: 260, series: [{ label: 'IoU' }, { label: 'images', fill: 'rgba(44,160,44,0.5)', stroke: '#2ca02c', paths: uPlot.paths.bars({ size: [0.9, 100] }), points: { show: false } }], scales: { x: { time: false, range: [0, 1] }, y: { range: function (u, mn, mx) { return [0, mx + 1]; } } }, axes: [{ label: 'IoU' }, { label: 'images' }] }, [mid, c.count]);
    }
  }

  function quantizeSection(q) {
    var sec = el('section', { className: 'quantize', id: 'quantize' }, [el('h2', { text: 'Quantization: ' + q.model + ' (' + q.method + ')' })]);
    root.appendChild(sec);
    sec.appendChild(el('table', { className: 'side-by-side' }, [
      el('thead', null, [el('tr', null, [el('th', { text: '' }), el('th', { text: 'fp32' }), el('th', { text: 'int8' })])]),
      el('tbody', null, q.rows.map(function (r) { return el('tr', null, [el('th', { text: r.label }), el('td', { text: r.fp32 }), el('td', { text: r.int8 })]); })),
    ]));
    if (q.latency.length > 0) {
      var x = q.latency.map(function (l) { return l.threads; });
      chart(sec, 'latency', 'Median latency per inference (ms), by intra-op threads', { height: 220, series: [{ label: 'threads' }, { label: 'fp32', fill: 'rgba(31,119,180,0.6)', stroke: '#1f77b4', paths: uPlot.paths.bars({ size: [0.35, 80], align: -1 }), points: { show: false } }, { label: 'int8', fill: 'rgba(214,39,40,0.6)', stroke: '#d62728', paths: uPlot.paths.bars({ size: [0.35, 80], align: 1 }), points: { show: false } }], scales: { x: { time: false, range: [x[0] - 0.8, x[x.length - 1] + 0.8] }, y: { range: function (u, mn, mx) { return [0, mx * 1.15]; } } }, axes: [{ label: 'threads', splits: function () { return x; } }, { label: 'ms' }] }, [x, q.latency.map(function (l) { return l.fp32Ms; }), q.latency.map(function (l) { return l.int8Ms; })]);
    }
    if (q.outputs.length > 0) {
      sec.appendChild(el('table', { className: 'outputs' }, [el('thead', null, [el('tr', null, ['output', 'cosine fp32 vs int8', 'SQNR (dB)', 'max |Δ|'].map(function (h) { return el('th', { text: h }); }))]), el('tbody', null, q.outputs.map(function (o) { return el('tr', null, [el('td', { text: o.name }), el('td', { className: 'num', text: fmt(o.cosine, 5) }), el('td', { className: 'num', text: fmt(o.sqnrDb, 1) }), el('td', { className: 'num', text: fmt(o.maxAbs, 4) })]); }))]));
    }
    var layers = q.layers.filter(function (l) { return l.sqnrDb != null; });
    if (layers.length > 1) {
      chart(sec, 'layers', 'SQNR per layer (dB, higher is closer to fp32)', { height: 220, series: [{ label: 'layer' }, { label: 'SQNR dB', fill: 'rgba(148,103,189,0.6)', stroke: '#9467bd', paths: uPlot.paths.bars({ size: [0.8, 40] }), points: { show: false } }], scales: { x: { time: false, range: [-1, layers.length] }, y: { range: function (u, mn, mx) { return [Math.min(0, mn), mx * 1.1]; } } }, axes: [{ label: 'layer (graph order)' }, { label: 'dB' }] }, [layers.map(function (_, i) { return i; }), layers.map(function (l) { return l.sqnrDb; })]);
    }
  }

  try {
    if (data.batch) {
      var b = data.batch;
      root.appendChild(el('p', { className: 'meta', text: b.inputs.length + ' inputs · stages ' + b.stages.join(', ') + ' · ' + b.out }));
      root.appendChild(inputTable(b.inputs));
      b.inputs.forEach(inputSection);
    }
    if (data.eval) evalSection(data.eval);
    if (data.quantize) quantizeSection(data.quantize);
    window.facepipeReport = { charts: charts.length, renderMs: performance.now() - t0 };
    document.documentElement.setAttribute('data-ready', 'true');
  } catch (err) {
    root.appendChild(el('pre', { className: 'render-error', text: 'report rendering failed: ' + (err && err.stack || err) }));
    console.error(err);
    document.documentElement.setAttribute('data-ready', 'error');
  }
})();
