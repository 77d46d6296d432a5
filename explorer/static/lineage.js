// lineage.js — the lineage DAG around an asset: d3-dag lays it out in layers, ancestors above, descendants
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

  // layout places the lineage with d3-dag's Sugiyama layout: layers by longest path (a lineage's rings are its
  // layers already), parents above children. Crossing reduction and coordinate quality are traded for time as
  // the picture grows: two-layer sweeps below SMALL assets (simplex coordinates below TINY), and above SMALL a
  // depth-first order with greedy coordinates, which lays out 2,000 assets in about a fifth of the time dagre
  // needed (docs/explorer.md, "Performance"). It returns the graph's size, each node's centre and each edge's
  // points, clipped to the boxes' borders so arrowheads stay visible.
  var TINY = 100, SMALL = 200;
  var M = 8; // margin around the picture, so the boxes' borders are not cut
  function layout(g) {
    var dag = d3.graph();
    var byId = {};
    g.nodes.forEach(function (n) { byId[n.id] = dag.node(n.id); });
    g.edges.forEach(function (e) {
      dag.link(byId[e.parent], byId[e.child], e);
    });
    var n = g.nodes.length;
    var size = d3.sugiyama()
      .layering(d3.layeringLongestPath())
      .decross(n <= SMALL ? d3.decrossTwoLayer() : d3.decrossDfs())
      .coord(n <= TINY ? d3.coordSimplex() : d3.coordGreedy())
      .nodeSize([W, H]).gap([24, 64])(dag);
    var pos = {}, points = {};
    for (var node of dag.nodes()) pos[node.data] = { x: node.x + M, y: node.y + M };
    for (var link of dag.links()) {
      var pts = link.points.map(function (p) { return { x: p[0] + M, y: p[1] + M }; });
      pts[0] = border(pts[0], pts[1]);
      pts[pts.length - 1] = border(pts[pts.length - 1], pts[pts.length - 2]);
      points[link.data.parent + '>' + link.data.child] = pts;
    }
    return {
      graph: function () { return { width: size.width + 2 * M, height: size.height + 2 * M }; },
      node: function (id) { return pos[id]; },
      edge: function (parent, child) { return { points: points[parent + '>' + child] }; }
    };
  }

  // border moves a box's centre c towards the point p until it reaches the box's edge.
  function border(c, p) {
    var dx = p.x - c.x, dy = p.y - c.y;
    if (dx === 0 && dy === 0) return c;
    var t = Math.min(dx === 0 ? Infinity : (W / 2) / Math.abs(dx), dy === 0 ? Infinity : (H / 2) / Math.abs(dy));
    return { x: c.x + dx * t, y: c.y + dy * t };
  }

  // middle is where an edge's label goes: its middle point, or the middle of its middle segment.
  function middle(pts) {
    var i = Math.floor(pts.length / 2);
    if (pts.length % 2) return pts[i];
    return { x: (pts[i - 1].x + pts[i].x) / 2, y: (pts[i - 1].y + pts[i].y) / 2 };
  }

  function label(e) {
    return e.relation + ' · ' + e.weight;
  }

  // labelSizes measures each distinct label once in a hidden probe and returns its width and height by text.
  function labelSizes(canvas, texts) {
    var probe = S.el('svg', { width: 0, height: 0, 'aria-hidden': 'true', class: 'probe' }, canvas);
    var uniq = Array.from(new Set(texts));
    var nodes = uniq.map(function (t) { return S.text(probe, 0, 0, t, { class: 'edge-label', 'text-anchor': 'middle', 'dominant-baseline': 'middle' }); });
    var sizes = {};
    nodes.forEach(function (n, i) { var b = n.getBBox(); sizes[uniq[i]] = { width: b.width, height: b.height }; });
    canvas.removeChild(probe);
    return sizes;
  }

  function role(n) {
    if (n.distance === 0) return 'this asset';
    return n.distance > 0 ? 'ancestor, ' + n.distance + ' up' : 'descendant, ' + -n.distance + ' down';
  }

  function draw(g) {
    var ids = {};
    g.nodes.forEach(function (n) { ids[n.id] = true; });
    // An edge is drawn only between assets in the picture (a capped neighbourhood may name others).
    g = Object.assign({}, g, { edges: g.edges.filter(function (e) { return ids[e.parent] && ids[e.child]; }) });
    var d = layout(g);
    var size = d.graph();
    canvas.textContent = '';
    // The width is read while the canvas is empty: reading it after drawing would lay out the whole picture.
    var avail = canvas.clientWidth;
    var svg = S.el('svg', {
      viewBox: '0 0 ' + size.width + ' ' + size.height, width: size.width, height: size.height,
      role: 'group', 'aria-label': 'Lineage of asset #' + g.centre + ': ' + g.nodes.length + ' assets, ' + g.edges.length + ' edges'
    }, canvas);
    var defs = S.el('defs', {}, svg);
    var marker = S.el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' }, defs);
    S.el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }, marker);

    // Edge labels are "relation · weight": few distinct strings however large the graph. Each is measured
    // once, in a small probe drawn before the picture, so the browser never lays out the whole picture just
    // to size label backgrounds (measuring in the full picture cost a layout of every element).
    var sizes = labelSizes(canvas, g.edges.map(label));
    var edges = S.el('g', { class: 'edges' }, svg);
    g.edges.forEach(function (e) {
      var pts = d.edge(e.parent, e.child).points;
      var grp = S.el('g', { class: 'edge', 'data-child': e.child, 'data-parent': e.parent, 'data-relation': e.relation, 'data-weight': e.weight }, edges);
      S.title(grp, '#' + e.child + ' ' + e.relation + ' #' + e.parent + ' with weight ' + e.weight);
      S.el('path', { d: 'M' + pts.map(function (p) { return p.x + ',' + p.y; }).join(' L'), 'marker-end': 'url(#arrow)' }, grp);
      var mid = middle(pts);
      var b = sizes[label(e)];
      S.el('rect', { x: mid.x - b.width / 2 - 3, y: mid.y - b.height / 2 - 1, width: b.width + 6, height: b.height + 2, class: 'edge-label-bg' }, grp);
      S.text(grp, mid.x, mid.y, label(e), { class: 'edge-label', 'text-anchor': 'middle', 'dominant-baseline': 'middle' });
    });

    var nodes = S.el('g', { class: 'nodes' }, svg);
    g.nodes.forEach(function (n) {
      var p = d.node(n.id);
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
    S.fit(svg, size.width, avail);

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
