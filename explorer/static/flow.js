// flow.js — where one unit paid to an asset ends up, as a Sankey laid out by d3-sankey: the payment on the
// left, the protocol fee and each asset of the lineage in the middle, the contributors on the right. Labels
// and the table below carry the exact shares; band widths are only the picture of them.
(function () {
  'use strict';
  var S = window.tribSVG;
  var fig = document.getElementById('flow');
  if (!fig) return;
  var canvas = fig.querySelector('.canvas');
  var tableBox = fig.querySelector('.flow-table');
  var root = fig.dataset.root;

  function draw(f) {
    canvas.textContent = '';
    var width = Math.max(canvas.clientWidth || 0, 720);
    var height = Math.max(220, f.nodes.length * 30);
    var graph = d3.sankey().nodeWidth(14).nodePadding(14).nodeAlign(d3.sankeyJustify)
      .extent([[1, 8], [width - 1, height - 8]])({
        nodes: f.nodes.map(function (n) { return Object.assign({}, n); }),
        links: f.links.map(function (l) { return Object.assign({}, l); })
      });
    var svg = S.el('svg', {
      viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'group',
      'aria-label': 'Reward flow of one unit paid to asset #' + f.asset
    }, canvas);
    var links = S.el('g', { class: 'links' }, svg);
    var path = d3.sankeyLinkHorizontal();
    graph.links.forEach(function (l) {
      var p = S.el('path', { d: path(l), class: 'link to-' + l.target.kind, 'stroke-width': Math.max(1, l.width) }, links);
      S.title(p, l.source.label + ' → ' + l.target.label + ': ' + l.share);
    });
    var nodes = S.el('g', { class: 'flow-nodes' }, svg);
    graph.nodes.forEach(function (n) {
      var parent = nodes;
      if (n.href) parent = S.el('a', { href: root + n.href, 'aria-label': n.label + ': ' + n.share }, nodes);
      var g = S.el('g', { class: 'flow-node ' + n.kind, 'data-key': n.key }, parent);
      S.el('rect', { x: n.x0, y: n.y0, width: n.x1 - n.x0, height: Math.max(1, n.y1 - n.y0) }, g);
      var left = n.x0 > width / 2;
      S.text(g, left ? n.x0 - 6 : n.x1 + 6, (n.y0 + n.y1) / 2, S.short(n.label, 30) + ' — ' + n.share,
        { 'text-anchor': left ? 'end' : 'start', 'dominant-baseline': 'middle' });
      S.title(g, n.label + ': ' + n.share);
    });
    S.fit(svg, width, canvas.clientWidth);
    table(f);
  }

  function table(f) {
    tableBox.textContent = '';
    var t = S.html('table', { class: 'flow' }, tableBox);
    S.html('caption', {}, t, 'Exact shares of one unit (truncated to 18 decimals)');
    var head = S.html('tr', {}, S.html('thead', {}, t));
    ['From', 'To', 'Share'].forEach(function (h) { S.html('th', { scope: 'col' }, head, h); });
    var body = S.html('tbody', {}, t);
    f.links.forEach(function (l) {
      var tr = S.html('tr', { 'data-kind': f.nodes[l.target].kind }, body);
      S.html('td', {}, tr, f.nodes[l.source].label);
      S.html('td', { class: 'addr' }, tr, f.nodes[l.target].label);
      S.html('td', { class: 'num' }, tr, l.share);
    });
    if (f.shown < f.entries) S.html('p', { class: 'note' }, tableBox, 'The first ' + f.shown + ' of ' + f.entries + ' contributor entries are drawn one by one.');

    var r = S.html('table', { class: 'revenue-all' }, tableBox);
    S.html('caption', {}, r, 'What actually flowed so far: the revenue reports of these assets');
    var rh = S.html('tr', {}, S.html('thead', {}, r));
    ['Asset', 'Paid directly', 'From descendants', 'Sent to parents', 'To contributors', 'Claimed', 'Pending'].forEach(function (h) {
      S.html('th', { scope: 'col' }, rh, h);
    });
    var rb = S.html('tbody', {}, r);
    f.revenue.forEach(function (v) {
      var tr = S.html('tr', { 'data-asset': v.id }, rb);
      var td = S.html('td', {}, tr);
      S.html('a', { href: root + 'asset/' + v.id }, td, '#' + v.id + ' ' + v.name);
      [v.paid_direct, v.received_upstream, v.sent_upstream, v.to_contributors, v.claimed, v.pending].forEach(function (x) {
        S.html('td', { class: 'num' }, tr, x);
      });
    });
  }

  S.getJSON(fig.dataset.api).then(draw).catch(function (err) { S.fail(canvas, 'reward flow', err.message); });
})();
