// As-you-type suggestions for the search box (progressive enhancement: the
// form works without this file). Fills the input's <datalist> from
// /api/v1/suggest, so the browser's own keyboard-accessible list shows them.
(function () {
  'use strict';
  var input = document.getElementById('q');
  var list = document.getElementById('suggestions');
  if (!input || !list || !window.fetch) return;
  var timer = null;
  var last = '';
  var controller = null;

  function fill(suggestions) {
    while (list.firstChild) list.removeChild(list.firstChild);
    suggestions.forEach(function (s) {
      var option = document.createElement('option');
      option.value = s.text;
      list.appendChild(option);
    });
  }

  function lookup() {
    var q = input.value.trim();
    if (q === last) return;
    last = q;
    if (q.length < 2) { fill([]); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch('/api/v1/suggest?limit=8&q=' + encodeURIComponent(q), controller ? { signal: controller.signal } : {})
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (body) { fill(body.suggestions || []); })
      .catch(function () { /* offline or aborted: keep the plain form */ });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 150);
  });
})();
