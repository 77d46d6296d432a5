// lineage.js — the lineage DAG around an asset: dagre lays it out in layers, ancestors above, descendants
// below; every box links to its asset page; edges carry the relation and the parent's weight.
(function () {
  'use strict';
  var S = window.tribSVG;
  var fig = document.getElementById('lineage');
  if (!fig) return;
  var canvas = fig.querySelector('.canvas');
  var more = fig.querySelector('.more');
  var note = fig.querySelector('.graph-note');
  var root = fig.dataset.root;
  var depth = 2;
  var W = 190, H = 50;
  var BIG = 400;

  function layout(g) {
    var d = new dagre.graphlib.Graph();
    // longest-path ranking: a lineage's rings are its layers already, and dagre's default network-simplex
    // ranker is the slowest phase on large neighbourhoods.
    d.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 64, marginx: 8, marginy: 8, ranker: 'longest-path' });
    d.setDefaultEdgeLabel(function () { return {}; });
    g.nodes.forEach(function (n) { d.setNode(String(n.id), { width: W, height: H }); });
    // Edges point from parent to child, so parents rank above.
    g.edges.forEach(function (e) { d.setEdge(String(e.parent), String(e.child)); });
    // Above BIG assets dagre keeps its first (depth-first) order within each layer instead of sweeping for
    // fewer crossings: the sweeps cost seconds there, and a picture that large is read by zooming anyway.
    dagre.layout(d, { disableOptimalOrderHeuristic: g.nodes.length > BIG });
    return d;
  }

  function role(n) {
    if (n.distance === 0) return 'this asset';
    return n.distance > 0 ? 'ancestor, ' + n.distance + ' up' : 'descendant, ' + -n.distance + ' down';
  }

  function draw(g) {
    var d = layout(g);
    var size = d.graph();
    canvas.textContent = '';
    var svg = S.el('svg', {
      viewBox: '0 0 ' + size.width + ' ' + size.height, width: size.width, height: size.height,
      role: 'group', 'aria-label': 'Lineage of asset #' + g.centre + ': ' + g.nodes.length + ' assets, ' + g.edges.length + ' edges'
    }, canvas);
    var defs = S.el('defs', {}, svg);
    var marker = S.el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' }, defs);
    S.el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }, marker);

    var edges = S.el('g', { class: 'edges' }, svg);
    var labels = [];
    g.edges.forEach(function (e) {
      var pts = d.edge(String(e.parent), String(e.child)).points;
      var grp = S.el('g', { class: 'edge', 'data-child': e.child, 'data-parent': e.parent, 'data-relation': e.relation, 'data-weight': e.weight }, edges);
      S.title(grp, '#' + e.child + ' ' + e.relation + ' #' + e.parent + ' with weight ' + e.weight);
      S.el('path', { d: 'M' + pts.map(function (p) { return p.x + ',' + p.y; }).join(' L'), 'marker-end': 'url(#arrow)' }, grp);
      var mid = pts[Math.floor(pts.length / 2)];
      labels.push(S.text(grp, mid.x, mid.y, e.relation + ' · ' + e.weight, { class: 'edge-label', 'text-anchor': 'middle', 'dominant-baseline': 'middle' }));
    });
    // Every label is measured after all are in the page, then every background is added: one browser layout
    // instead of one per edge (measuring between insertions made drawing quadratic in the edges).
    labels.map(function (label) { return label.getBBox(); }).forEach(function (b, i) {
      labels[i].parentNode.insertBefore(S.el('rect', { x: b.x - 3, y: b.y - 1, width: b.width + 6, height: b.height + 2, class: 'edge-label-bg' }), labels[i]);
    });

    var nodes = S.el('g', { class: 'nodes' }, svg);
    g.nodes.forEach(function (n) {
      var p = d.node(String(n.id));
      var a = S.el('a', {
        href: root + 'asset/' + n.id, class: 'node ' + n.kind + ' status-' + n.status + (n.distance === 0 ? ' centre' : ''),
        'data-id': n.id, 'data-status': n.status, 'data-kind': n.kind,
        'aria-label': '#' + n.id + ' ' + n.name + ': ' + n.kind + ', ' + n.status + ', ' + role(n)
      }, nodes);
      S.title(a, '#' + n.id + ' ' + n.name + ' (' + n.kind + ', ' + n.status + ')');
      S.el('rect', { x: p.x - W / 2, y: p.y - H / 2, width: W, height: H, rx: n.kind === 'dataset' ? 0 : 10 }, a);
      S.text(a, p.x, p.y - 6, S.short('#' + n.id + ' ' + n.name, 26), { class: 'name', 'text-anchor': 'middle' });
      S.text(a, p.x, p.y + 14, n.kind + ' · ' + n.status + (n.distance === 0 ? ' · this asset' : ''), { class: 'meta', 'text-anchor': 'middle' });
    });
    S.fit(svg, size.width, canvas);

    // The same graph as a list, for screen readers and for anyone who prefers text.
    var details = S.html('details', { class: 'as-text' }, canvas);
    S.html('summary', {}, details, 'The lineage as a list');
    var ul = S.html('ul', {}, details);
    var byId = {};
    g.nodes.forEach(function (n) { byId[n.id] = n; });
    g.edges.forEach(function (e) {
      S.html('li', {}, ul, '#' + e.child + ' ' + byId[e.child].name + ' is ' + e.relation + ' #' + e.parent + ' ' +
        byId[e.parent].name + ' (weight ' + e.weight + ')');
    });

    more.hidden = !g.more;
    var msg = g.nodes.length + ' assets within ' + g.depth + ' ring' + (g.depth > 1 ? 's' : '') + '.';
    if (g.capped) msg += ' Capped at ' + g.max_nodes + ' assets: open an asset at the edge to see further.';
    else if (!g.more) msg += ' That is the whole lineage in reach.';
    note.textContent = msg;
  }

  async function load() {
    try {
      draw(await S.getJSON(fig.dataset.api + '?depth=' + depth));
    } catch (err) {
      S.fail(canvas, 'lineage', err.message);
    }
  }

  more.addEventListener('click', function () {
    depth++;
    more.hidden = true;
    load().then(function () { if (!more.hidden) more.focus(); });
  });
  window.tribLineage = { layout: layout, draw: draw };
  load();
})();
