// The search page: every request goes to this server's JSON API; every piece of article text
// enters the page through textContent (never innerHTML), so markup in an article shows as text.
'use strict';
const $ = (id) => document.getElementById(id);
const state = { q: '', regions: [], industries: [], from: '', to: '', sort: 'relevance', offset: 0, limit: 10 };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

// Text with [start, end) ranges of Unicode scalar offsets wrapped in <mark>.
function marked(text, ranges) {
  const chars = Array.from(text || '');
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [a, b] of ranges || []) {
    if (a < at) continue;
    frag.append(document.createTextNode(chars.slice(at, a).join('')));
    frag.append(el('mark', {}, chars.slice(a, b).join('')));
    at = b;
  }
  frag.append(document.createTextNode(chars.slice(at).join('')));
  return frag;
}

function params(extra) {
  const p = new URLSearchParams();
  if (state.q) p.append('q', state.q);
  for (const r of state.regions) p.append('region', r.code);
  for (const i of state.industries) p.append('industry', i.code);
  if (state.from) p.append('from', state.from);
  if (state.to) p.append('to', state.to);
  for (const [k, v] of Object.entries(extra || {})) p.append(k, v);
  return p;
}

async function api(path, p) {
  const response = await fetch(path + (p ? '?' + p.toString() : ''));
  const data = await response.json();
  if (!response.ok) {
    const e = data.error || {};
    throw new Error((e.message || response.statusText) + (e.suggestions && e.suggestions.length ? '' : ''));
  }
  return data;
}

function hasSearch() { return state.q.trim() !== '' || state.regions.length || state.industries.length || state.from || state.to; }

async function search() {
  $('article').hidden = true;
  $('results').hidden = false;
  $('pager').hidden = false;
  if (!hasSearch()) { $('status').textContent = 'Type a query, or choose a region, an industry or dates.'; $('results').replaceChildren(); $('charts').hidden = true; return; }
  $('status').textContent = 'Searching…';
  try {
    const data = await api('/search', params({ limit: state.limit, offset: state.offset, sort: state.sort }));
    showResults(data);
    if (state.offset === 0) drawCharts();
  } catch (e) {
    $('status').textContent = e.message;
    $('results').replaceChildren();
    $('charts').hidden = true;
  }
}

function showResults(data) {
  const first = data.offset + 1, last = data.offset + data.results.length;
  $('status').textContent = data.results.length
    ? `Results ${first}–${last}; ${data.total} articles hold the whole query`
    : (data.matched ? 'No more results.' : 'No article matches.');
  $('results').replaceChildren(...data.results.map((r) => {
    const title = el('a', { href: '#', 'data-id': r.id, onclick: (ev) => { ev.preventDefault(); openArticle(r.id); } });
    title.append(marked(r.title || '(no headline)', r.title_matches));
    const meta = [r.date, r.source, r.regions.map((x) => x.name).join('、'), r.industries.map((x) => x.code + ' ' + x.name).join('、')]
      .filter(Boolean).join(' · ');
    const also = r.also_in.length ? el('div', { class: 'meta' }, '也见于 also in: ' + r.also_in.join('、')) : null;
    return el('li', {}, el('h3', {}, title), el('div', { class: 'meta' }, meta), also, el('p', { class: 'snippet' }, marked(r.snippet.text, r.snippet.matches)));
  }));
  $('prev').disabled = data.offset === 0;
  $('next').disabled = !data.has_more;
  $('page').textContent = data.results.length ? `page ${Math.floor(data.offset / state.limit) + 1}` : '';
}

async function openArticle(id) {
  try {
    const a = await api('/article', new URLSearchParams({ id, q: state.q }));
    const view = $('article');
    const h = el('h2');
    h.append(marked(a.title || '(no headline)', a.title_matches));
    const meta = [a.date, a.source, a.author].filter(Boolean).join(' · ');
    const tags = [a.regions.map((x) => x.name).join('、'), a.industries.map((x) => x.code + ' ' + x.name).join('、')].filter(Boolean).join(' · ');
    const body = el('div', { class: 'body' });
    body.append(marked(a.body, a.body_matches));
    const link = /^https?:\/\//.test(a.url) ? el('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.url) : null;
    const reprints = a.reprints.length ? el('p', { class: 'meta' }, 'Reprints 转载: ' + a.reprints.map((r) => `${r.source || r.id} ${r.date || ''}`).join('、')) : null;
    view.replaceChildren(el('button', { type: 'button', onclick: () => { view.hidden = true; $('results').hidden = false; $('pager').hidden = false; } }, '‹ Back to results'),
      h, el('p', { class: 'meta' }, meta), el('p', { class: 'meta' }, tags), link, reprints, body);
    $('results').hidden = true;
    $('pager').hidden = true;
    view.hidden = false;
    view.scrollIntoView();
  } catch (e) { $('status').textContent = e.message; }
}

// Charts: counts over time (a line) and by the chosen dimension (bars), drawn as SVG.
const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

async function drawCharts() {
  const time = $('time').value, dim = $('dimension').value;
  $('csv-time').href = '/counts?' + params({ by: time, format: 'csv' }).toString();
  $('csv-dimension').href = '/counts?' + params({ by: dim, format: 'csv' }).toString();
  try {
    const [t, d] = await Promise.all([api('/counts', params({ by: time })), api('/counts', params({ by: dim, top: 12 }))]);
    $('charts').hidden = t.total === 0;
    lineChart($('chart-time'), t.rows.filter((r) => r.keys[0] !== '(no date)'));
    barChart($('chart-dimension'), d.rows, d.columns.length > 1);
  } catch (e) { $('charts').hidden = true; }
}

function lineChart(box, rows) {
  const w = 640, h = 200, left = 36, bottom = 34, top = 10;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': 'counts over time' });
  s.append(svg('line', { class: 'axis', x1: left, y1: h - bottom, x2: w - 8, y2: h - bottom }));
  s.append(svg('text', { x: 2, y: top + 8 }, String(max)), svg('text', { x: 2, y: h - bottom }, '0'));
  const x = (i) => left + (rows.length < 2 ? (w - left - 8) / 2 : i * (w - left - 8) / (rows.length - 1));
  const y = (c) => h - bottom - c * (h - bottom - top) / max;
  if (rows.length) s.append(svg('polyline', { class: 'line', points: rows.map((r, i) => `${x(i)},${y(r.count)}`).join(' ') }));
  const step = Math.max(1, Math.ceil(rows.length / 8));
  rows.forEach((r, i) => {
    s.append(svg('circle', { cx: x(i), cy: y(r.count), r: 2.5, fill: '#b3261e' }, null));
    if (i % step === 0) s.append(svg('text', { x: x(i), y: h - bottom + 14, 'text-anchor': 'middle' }, r.keys[0]));
  });
  box.replaceChildren(s);
}

function barChart(box, rows, coded) {
  const label = (r) => (coded ? r.keys[1] : r.keys[0]);
  const w = 640, row = 22, left = 150, h = Math.max(40, rows.length * row + 10);
  const max = Math.max(1, ...rows.map((r) => r.count));
  const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': 'counts by ' + $('dimension').value });
  rows.forEach((r, i) => {
    const y = 5 + i * row;
    s.append(svg('text', { x: left - 6, y: y + 14, 'text-anchor': 'end' }, label(r)));
    s.append(svg('rect', { class: 'bar', x: left, y: y + 3, height: row - 8, width: Math.max(1, r.count * (w - left - 50) / max) }));
    s.append(svg('text', { x: left + r.count * (w - left - 50) / max + 4, y: y + 14 }, String(r.count)));
  });
  box.replaceChildren(s);
}

// Filters: trees that load their children on demand, chosen entries as chips.
async function loadTree(list, path, parent) {
  try {
    const data = await api(path, parent ? new URLSearchParams({ parent }) : null);
    list.replaceChildren(...data.entries.filter((e) => e.articles > 0).map((e) => treeItem(path, e)));
  } catch (e) { list.replaceChildren(el('li', {}, e.message)); }
}

function treeItem(path, entry) {
  const children = el('ul', { hidden: '' });
  const toggle = el('button', { type: 'button', class: 'toggle', 'aria-label': 'expand', onclick: async () => {
    if (children.hidden && !children.childElementCount) await loadTree(children, path, entry.code);
    children.hidden = !children.hidden;
    toggle.textContent = children.hidden ? '▸' : '▾';
  } }, '▸');
  const name = el('a', { href: '#', 'data-code': entry.code, onclick: (ev) => { ev.preventDefault(); choose(path === '/regions' ? 'regions' : 'industries', entry); } }, entry.name);
  return el('li', {}, toggle, name, ' ', el('span', { class: 'count' }, `(${entry.articles})`), children);
}

function choose(kind, entry) {
  if (!state[kind].some((e) => e.code === entry.code)) state[kind].push({ code: entry.code, name: entry.name });
  state.offset = 0;
  showChosen();
  search();
}

function showChosen() {
  const chips = [];
  for (const kind of ['regions', 'industries']) {
    for (const e of state[kind]) {
      chips.push(el('span', { class: 'chip' }, e.name, el('button', { type: 'button', 'aria-label': 'remove', onclick: () => {
        state[kind] = state[kind].filter((x) => x.code !== e.code); state.offset = 0; showChosen(); search();
      } }, '×')));
    }
  }
  $('chosen').replaceChildren(...chips);
}

document.addEventListener('DOMContentLoaded', () => {
  $('search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.q = $('q').value; state.from = $('from').value.trim(); state.to = $('to').value.trim(); state.sort = $('sort').value; state.offset = 0;
    search();
  });
  for (const id of ['from', 'to', 'sort']) $(id).addEventListener('change', () => $('search').requestSubmit());
  $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); search(); });
  $('next').addEventListener('click', () => { state.offset += state.limit; search(); });
  $('time').addEventListener('change', drawCharts);
  $('dimension').addEventListener('change', drawCharts);
  loadTree($('regions'), '/regions', null);
  loadTree($('industries'), '/industries', null);
  search();
});
