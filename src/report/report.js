(function () {
  'use strict';
  var doc = document;
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  // Filters: every .f-row (a table row) and .f-group (a conflict) carries
  // data-cat / data-folder / data-owner; a filter checks only the attributes present.
  var bar = doc.getElementById('filters');
  var cat = doc.getElementById('f-cat');
  var folder = doc.getElementById('f-folder');
  var owner = doc.getElementById('f-owner');
  var query = doc.getElementById('f-q');
  var shown = doc.getElementById('f-shown');
  var reset = doc.getElementById('f-reset');

  function ok(el, attr, want) {
    if (!want) return true;
    var v = el.getAttribute(attr);
    return v === null || v === want;
  }
  function hasText(el, t) {
    return !t || el.textContent.toLowerCase().indexOf(t) >= 0;
  }

  function apply() {
    var c = cat.value, f = folder.value, o = owner.value;
    var t = query.value.trim().toLowerCase();
    each(doc.querySelectorAll('.f-row'), function (r) {
      var hide = !(ok(r, 'data-cat', c) && ok(r, 'data-folder', f) &&
        ok(r, 'data-owner', o) && hasText(r, t));
      if (r.hidden !== hide) r.hidden = hide;
    });
    each(doc.querySelectorAll('.f-group'), function (g) {
      var any = false;
      each(g.querySelectorAll('[data-folder]'), function (l) {
        if (ok(l, 'data-folder', f) && ok(l, 'data-owner', o)) any = true;
      });
      var hide = !(ok(g, 'data-cat', c) && any && hasText(g, t));
      if (g.hidden !== hide) g.hidden = hide;
    });
    // Per block: a count of what is visible, and a note when nothing is.
    each(doc.querySelectorAll('[data-filterable]'), function (s) {
      var items = s.querySelectorAll('.f-row, .f-group');
      var vis = 0;
      each(items, function (i) { if (!i.hidden) vis++; });
      var note = s.querySelector(':scope > .f-empty');
      if (note) note.hidden = !(items.length > 0 && vis === 0);
      var table = s.querySelector(':scope > .table-wrap, :scope > .tables');
      if (table && items.length > 0) table.hidden = vis === 0;
      if (s.hasAttribute('data-subgroup')) s.hidden = items.length > 0 && vis === 0;
      var count = s.querySelector(':scope > h2 .count, :scope > h3 .count');
      if (count) count.textContent = vis === items.length ? String(items.length) : vis + ' of ' + items.length;
    });
    var all = doc.querySelectorAll('#all .f-row');
    var vis = 0;
    each(all, function (r) { if (!r.hidden) vis++; });
    shown.textContent = vis === all.length ? all.length + ' findings' : vis + ' of ' + all.length + ' findings';
  }

  if (bar && cat && folder && owner && query && shown) {
    bar.hidden = false;
    each([cat, folder, owner], function (s) { s.addEventListener('change', apply); });
    query.addEventListener('input', apply);
    if (reset) {
      reset.addEventListener('click', function () {
        cat.value = ''; folder.value = ''; owner.value = ''; query.value = '';
        apply();
      });
    }
    // Clicking a category tile or an owner name filters by it.
    each(doc.querySelectorAll('[data-set-cat]'), function (el) {
      el.addEventListener('click', function (e) {
        e.preventDefault();
        cat.value = el.getAttribute('data-set-cat');
        apply();
        var target = doc.getElementById('all');
        if (target) target.scrollIntoView();
      });
    });
    apply();
  }

  // Sorting: click a column header; data-sort holds the sort key when the text is not.
  function key(cell) {
    var k = cell.getAttribute('data-sort');
    return k !== null ? k : cell.textContent.trim().toLowerCase();
  }
  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== '' && b !== '' && !isNaN(x) && !isNaN(y)) return x - y;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  each(doc.querySelectorAll('table.sortable'), function (table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    each(head.cells, function (th, i) {
      if (th.hasAttribute('data-nosort')) return;
      var b = doc.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        each(head.cells, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.map.call(body.rows, function (r) {
          return { row: r, key: key(r.cells[i]), i: Number(r.getAttribute('data-i')) };
        });
        rows.sort(function (a, b) { return dir * compare(a.key, b.key) || a.i - b.i; });
        var frag = doc.createDocumentFragment();
        each(rows, function (r) { frag.appendChild(r.row); });
        body.appendChild(frag);
      });
    });
  });
})();
