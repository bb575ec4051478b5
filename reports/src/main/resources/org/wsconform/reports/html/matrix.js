/* wsconform comparison matrix: filter rows by text, show only differing cases, hide the close
   columns (Autobahn's "Toggle Details"). Header rows hide when none of their cases shows. */
(function () {
  'use strict';
  var table = document.getElementById('matrix');
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var text = document.getElementById('matrix-filter');
  var diff = document.getElementById('only-differences');
  var hideClose = document.getElementById('hide-close');
  var shown = document.getElementById('shown');
  var total = rows.filter(function (r) { return r.classList.contains('case-line'); }).length;

  function apply() {
    var terms = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var n = 0;
    var header = null;
    var sub = null;
    var headerSeen = false;
    var subSeen = false;
    function closeSub() { if (sub) { sub.hidden = !subSeen; } }
    function closeHeader() { closeSub(); if (header) { header.hidden = !headerSeen; } }
    rows.forEach(function (r) {
      if (r.classList.contains('category')) {
        closeHeader();
        header = r; headerSeen = false; sub = null; subSeen = false;
        return;
      }
      if (r.classList.contains('subcategory')) {
        closeSub();
        sub = r; subSeen = false;
        return;
      }
      var hay = r.getAttribute('data-search').toLowerCase();
      var ok = (!diff.checked || r.classList.contains('differs')) &&
        terms.every(function (t) { return hay.indexOf(t) >= 0; });
      r.hidden = !ok;
      if (ok) { n++; headerSeen = true; subSeen = true; }
    });
    closeHeader();
    shown.textContent = n + ' of ' + total + ' cases';
  }

  text.addEventListener('input', apply);
  diff.addEventListener('change', apply);
  hideClose.addEventListener('change', function () {
    table.classList.toggle('hide-close', hideClose.checked);
  });
  apply();
  document.body.setAttribute('data-ready', 'true');
}());
