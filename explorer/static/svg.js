// svg.js — small DOM helpers shared by lineage.js and flow.js (drawing only; layout is d3-dag's and d3-sankey's).
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  function text(parent, x, y, s, attrs) {
    var t = el('text', Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = s;
    return t;
  }

  function title(parent, s) {
    el('title', {}, parent).textContent = s;
  }

  // short shortens a long string (an address) to its head and tail, so boxes keep a readable width.
  function short(s, max) {
    if (s.length <= max) return s;
    var keep = Math.floor((max - 1) / 2);
    return s.slice(0, keep) + '…' + s.slice(s.length - keep);
  }

  // html builds an HTML element with text content only (never markup from data).
  function html(name, attrs, parent, content) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (content !== undefined) e.textContent = content;
    if (parent) parent.appendChild(e);
    return e;
  }

  function fail(canvas, what, err) {
    canvas.textContent = '';
    html('p', { class: 'error', role: 'alert' }, canvas, 'Could not draw the ' + what + ': ' + err);
  }

  async function getJSON(url) {
    var res = await fetch(url, { headers: { Accept: 'application/json' } });
    var body = await res.json();
    if (!res.ok) throw new Error(body.error || res.statusText);
    return body;
  }

  // fit lets a picture up to twice the container's width (avail, read before drawing) shrink to fit; larger
  // ones keep their size and scroll.
  function fit(svg, width, avail) {
    avail = avail || width;
    if (width <= avail * 2) svg.classList.add('fit');
  }

  window.tribSVG = { el: el, text: text, title: title, short: short, html: html, fail: fail, getJSON: getJSON, fit: fit };
})();
