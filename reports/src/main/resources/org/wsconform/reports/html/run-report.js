/* wsconform run report: filters, sorting, and the case details rendered on demand from the
   JSON block. Every value from the data is set as text (textContent), never as markup. */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('case-data').textContent);
  var cases = data.cases;
  var table = document.getElementById('case-table');
  var bodies = Array.prototype.slice.call(table.tBodies);
  var byAnchor = {};
  bodies.forEach(function (b) { byAnchor[b.id] = b; });

  var WIRE_PAGE = 1000;

  /* ---------- small DOM helpers ---------- */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      if (arguments[i]) { parent.appendChild(arguments[i]); }
    }
    return parent;
  }

  function section(title) {
    return el('h3', null, title);
  }

  /* ---------- filters ---------- */

  var fText = document.getElementById('filter-text');
  var selects = {
    behavior: document.getElementById('filter-behavior'),
    close: document.getElementById('filter-close'),
    outcome: document.getElementById('filter-outcome'),
    group: document.getElementById('filter-group')
  };
  var shown = document.getElementById('shown');
  var noMatch = document.getElementById('no-match');

  function applyFilters() {
    var terms = fText.value.toLowerCase().split(/\s+/).filter(Boolean);
    var n = 0;
    bodies.forEach(function (b) {
      var ok = true;
      Object.keys(selects).forEach(function (k) {
        var v = selects[k].value;
        if (v && b.getAttribute('data-' + k) !== v) { ok = false; }
      });
      if (ok && terms.length) {
        var hay = b.getAttribute('data-search');
        ok = terms.every(function (t) { return hay.indexOf(t) >= 0; });
      }
      b.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + ' of ' + bodies.length + ' cases';
    noMatch.hidden = n > 0;
  }

  function resetFilters() {
    fText.value = '';
    Object.keys(selects).forEach(function (k) { selects[k].value = ''; });
    applyFilters();
  }

  fText.addEventListener('input', applyFilters);
  Object.keys(selects).forEach(function (k) { selects[k].addEventListener('change', applyFilters); });
  document.getElementById('filter-reset').addEventListener('click', resetFilters);
  document.getElementById('collapse-all').addEventListener('click', function () {
    bodies.forEach(function (b) { if (b.classList.contains('open')) { toggle(b, false); } });
  });

  /* summary buttons set one select filter */
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter]'), function (btn) {
    btn.addEventListener('click', function () {
      var select = selects[btn.getAttribute('data-filter')];
      var value = btn.getAttribute('data-value');
      var exists = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (!exists) { return; }
      resetFilters();
      select.value = value;
      applyFilters();
      document.getElementById('cases').scrollIntoView();
    });
  });

  /* ---------- sorting ---------- */

  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function sortBy(th) {
    var key = th.getAttribute('data-sort');
    var numeric = th.getAttribute('data-type') === 'num';
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    var sorted = bodies.slice().sort(function (a, b) {
      var x = a.getAttribute('data-' + key);
      var y = b.getAttribute('data-' + key);
      var c;
      if (numeric) {
        var nx = x === '' ? Infinity : Number(x);
        var ny = y === '' ? Infinity : Number(y);
        c = nx < ny ? -1 : nx > ny ? 1 : 0;
      } else {
        c = x.localeCompare(y);
      }
      if (c === 0) { c = Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order')); return c; }
      return c * dir;
    });
    sorted.forEach(function (b) { table.appendChild(b); });
  }

  heads.forEach(function (th) {
    th.addEventListener('click', function () { sortBy(th); });
  });

  /* ---------- case details ---------- */

  function eventText(ev) {
    if (!Array.isArray(ev)) { return JSON.stringify(ev); }
    var kind = ev[0];
    if (kind === 'message') {
      return 'message ' + (ev[2] ? 'binary' : 'text') + ' ' + JSON.stringify(ev[1]);
    }
    if (kind === 'pong' || kind === 'ping') { return kind + ' ' + JSON.stringify(ev[1]); }
    if (kind === 'timeout') { return 'timeout ' + ev[1]; }
    return ev.map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ');
  }

  function eventList(list) {
    var ol = el('ol', 'events');
    if (!list || list.length === 0) {
      return el('div', 'muted', '(no events)');
    }
    list.forEach(function (ev) { ol.appendChild(el('li', null, eventText(ev))); });
    return ol;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function kvTable(rows) {
    var t = el('table', 'kv');
    rows.forEach(function (r) {
      var tr = el('tr');
      append(tr, el('th', null, r[0]), el('td', 'v', r[1]), r.length > 2 ? el('td', 'muted', r[2]) : null);
      t.appendChild(tr);
    });
    return t;
  }

  function spacedHex(hex) {
    if (!hex) { return ''; }
    var tail = '';
    var cut = hex.indexOf(' ');
    if (cut >= 0) { tail = hex.substring(cut); hex = hex.substring(0, cut); }
    return (hex.match(/.{1,2}/g) || []).join(' ') + tail;
  }

  function wireRow(row, times) {
    var tr = el('tr', 'k-' + String(row[2]).replace(/[^A-Za-z0-9_-]/g, '_'));
    append(tr,
      el('td', 'n', row[0]),
      el('td', 't', times ? Number(row[1]).toFixed(3) : '–'),
      el('td', 'k', row[2]),
      el('td', 'txt', row[3]),
      el('td', 'len', row[4] === null || row[4] === undefined ? '' : row[4]),
      el('td', 'hex', spacedHex(row[5])));
    return tr;
  }

  function wireLog(c) {
    var box = el('div', 'wirelog');
    var rows = c.wirelog;
    if (!rows || rows.length === 0) {
      box.appendChild(el('p', 'muted', 'No wire log.'));
      return box;
    }
    var tools = el('div', 'wire-tools');
    var label = el('label');
    var octets = el('input');
    octets.type = 'checkbox';
    octets.checked = true;
    octets.className = 'show-octets';
    append(label, octets, document.createTextNode(' show octet rows (TO/RO)'));
    append(tools, label, el('span', 'muted', rows.length + ' rows' +
      (c.wirelogOmitted ? ', ' + c.wirelogOmitted + ' rows omitted after row ' + c.wirelogOmittedAfter : '') +
      (c.wirelogTimes ? '; time in ms since the TCP connect' : '; no timestamps in this log')));
    box.appendChild(tools);

    var t = el('table', 'wire');
    var head = el('tr');
    ['#', 'time', 'kind', 'text', 'length', 'hex'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    append(t, append(el('thead'), head));
    var tb = el('tbody');
    t.appendChild(tb);
    box.appendChild(t);

    var next = 0;
    var more = el('button', 'more');
    more.type = 'button';
    function page(limit) {
      var frag = document.createDocumentFragment();
      var end = Math.min(rows.length, next + limit);
      for (; next < end; next++) { frag.appendChild(wireRow(rows[next], c.wirelogTimes)); }
      tb.appendChild(frag);
      if (next < rows.length) {
        more.textContent = 'show all ' + rows.length + ' rows (' + (rows.length - next) + ' more)';
        more.hidden = false;
      } else {
        more.hidden = true;
      }
    }
    more.addEventListener('click', function () { page(rows.length); });
    box.appendChild(more);
    page(WIRE_PAGE);

    octets.addEventListener('change', function () {
      Array.prototype.forEach.call(tb.rows, function (r) {
        if (r.classList.contains('k-TO') || r.classList.contains('k-RO')) { r.hidden = !octets.checked; }
      });
    });
    return box;
  }

  function renderDetail(c) {
    var d = el('div', 'detail');
    var head = el('div', 'verdicts');
    append(head,
      el('strong', null, c.id + (c.title ? ' \u2014 ' + c.title : '')),
      el('span', 'badge ' + c.behaviorClass, 'behavior ' + c.behavior),
      el('span', 'badge ' + c.closeClass, 'behaviorClose ' + c.behaviorClose),
      el('span', 'muted', 'outcome ' + c.outcome + ' \u00b7 ' + c.durationMillis + ' ms' +
        (c.started ? ' \u00b7 started ' + c.started : '') + (c.agent ? ' \u00b7 ' + c.agent : '')));
    d.appendChild(head);

    if (c.reason || c.error) {
      append(d, section('Reason'));
      if (c.reason) { d.appendChild(el('div', 'reason-line text', c.reason)); }
      if (c.error && c.error !== c.reason) { d.appendChild(el('div', 'reason-line text', 'harness error: ' + c.error)); }
    }
    if (c.fix) {
      append(d, section('How to fix'));
      d.appendChild(el('div', 'fix-line text', c.fix));
    }

    append(d, section('Description'), el('div', 'text', c.description || '\u2013'));
    append(d, section('Expectation'), el('div', 'text', c.expectation || '\u2013'));
    var req = [];
    if (c.requirement) { req.push(['requirement', c.requirement]); }
    if (c.rfc) { req.push(['RFC', c.rfc]); }
    if (c.group) { req.push(['group', c.group + (c.groupTitle ? ' \u2014 ' + c.groupTitle : '')]); }
    if (c.result) { req.push(['result', c.result]); }
    if (c.resultClose) { req.push(['resultClose', c.resultClose]); }
    if (req.length) { append(d, section('Requirement'), kvTable(req)); }

    append(d, section('Expected events vs observed events'));
    var grid = el('div', 'events-grid');
    var expected = c.expected || {};
    Object.keys(expected).forEach(function (verdict) {
      var col = el('div');
      var h = el('h4', null, 'expected for ' + verdict);
      if (c.received && same(expected[verdict], c.received)) {
        h.appendChild(el('span', 'matched', ' \u2713 matches'));
      }
      append(col, h, eventList(expected[verdict]));
      grid.appendChild(col);
    });
    if (Object.keys(expected).length === 0) {
      grid.appendChild(append(el('div'), el('h4', null, 'expected'), el('div', 'muted', '(no event list: judged by the case itself)')));
    }
    grid.appendChild(append(el('div'), el('h4', null, 'observed'), eventList(c.received)));
    d.appendChild(grid);
    if (c.expectedClose) {
      var ec = Object.keys(c.expectedClose).map(function (k) { return [k, JSON.stringify(c.expectedClose[k])]; });
      append(d, el('h4', null, 'expected close'), kvTable(ec));
    }

    append(d, section('Opening handshake'));
    var two = el('div', 'two');
    append(two,
      append(el('div'), el('h4', null, 'request'), el('pre', 'http-request', c.httpRequest || '(none)')),
      append(el('div'), el('h4', null, 'response'), el('pre', 'http-response', c.httpResponse || '(none)')));
    d.appendChild(two);

    append(d, section('Close state'));
    d.appendChild(c.close ? kvTable(c.close) : el('p', 'muted', 'No close state recorded.'));

    if (c.compression) {
      append(d, section('Compression'), kvTable(c.compression));
    }

    if (c.details) {
      var extras = Object.keys(c.details).map(function (k) {
        var v = c.details[k];
        return [k, typeof v === 'string' ? v : JSON.stringify(v)];
      });
      append(d, section('Details'), kvTable(extras));
    }

    append(d, section('Wire log'), wireLog(c));
    return d;
  }

  function toggle(b, open) {
    var detailRow = b.rows[1];
    if (open && !detailRow.getAttribute('data-rendered')) {
      var c = cases[Number(b.getAttribute('data-i'))];
      detailRow.cells[0].appendChild(renderDetail(c));
      detailRow.setAttribute('data-rendered', '1');
    }
    detailRow.hidden = !open;
    b.classList.toggle('open', open);
  }

  table.addEventListener('click', function (ev) {
    var row = ev.target.closest('tr.case-row');
    if (!row) { return; }
    var b = row.parentNode;
    if (ev.target.closest('a')) {
      /* the id link: the hash change opens it */
      if (location.hash === '#' + b.id) { toggle(b, true); }
      return;
    }
    var open = !b.classList.contains('open');
    toggle(b, open);
    if (open && history.replaceState) { history.replaceState(null, '', '#' + encodeURIComponent(b.id)); }
  });

  function openFromHash() {
    var h = location.hash.replace(/^#/, '');
    if (!h) { return; }
    var anchor;
    try { anchor = decodeURIComponent(h); } catch (e) { anchor = h; }
    var b = byAnchor[anchor];
    if (!b) { return; }
    if (b.hidden) { resetFilters(); }
    toggle(b, true);
    b.scrollIntoView();
  }

  window.addEventListener('hashchange', openFromHash);
  applyFilters();
  openFromHash();
  document.body.setAttribute('data-ready', 'true');
}());
