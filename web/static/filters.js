// The search page's filters with JavaScript (progressive enhancement: without
// this file every group has its own "Áp dụng" button and "Xem thêm" is a plain
// <details>). Ticking a box or choosing a sort applies it at once; after the
// reload the same box has the focus again, so keyboard users keep their place.
// Long lists get a box that narrows them as one types (with or without marks).
(function () {
  'use strict';
  var panel = document.querySelector('section.filters');
  var form = panel && panel.closest('form');
  if (!form) return;
  var FOCUS_KEY = 'tracuu-filter-focus';
  var MIN_FILTERED = 16;  // shorter lists are read at a glance

  function keyOf(input) {
    return input.type === 'checkbox' ? input.name + '=' + input.value : input.id;
  }

  function submit(input) {
    try { sessionStorage.setItem(FOCUS_KEY, keyOf(input)); } catch (e) { /* storage off: no focus memory */ }
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  Array.prototype.forEach.call(panel.querySelectorAll('.facet .apply, .sort .apply'), function (button) {
    button.hidden = true;
  });
  panel.addEventListener('change', function (event) {
    var input = event.target;
    if (input.type === 'checkbox' || input.id === 'sort') submit(input);
  });

  // Back on the box that was ticked.
  var key = null;
  try { key = sessionStorage.getItem(FOCUS_KEY); sessionStorage.removeItem(FOCUS_KEY); } catch (e) { key = null; }
  if (key) {
    var target = Array.prototype.filter.call(panel.querySelectorAll('input[type=checkbox], select'), function (input) {
      return keyOf(input) === key;
    })[0];
    if (target) {
      for (var d = target.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
      target.focus();
    }
  }

  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  Array.prototype.forEach.call(panel.querySelectorAll('details.more'), function (more) {
    var group = more.closest('fieldset');
    if (group.querySelectorAll('.facet-value').length < MIN_FILTERED) return;
    var legend = group.querySelector('legend').firstChild.textContent.trim();
    var box = document.createElement('input');
    box.type = 'search';
    box.className = 'facet-filter';
    box.placeholder = 'Lọc danh sách…';
    box.setAttribute('aria-label', 'Lọc danh sách ' + legend);
    group.insertBefore(box, group.querySelector('.facet-value'));
    box.addEventListener('keydown', function (event) { if (event.key === 'Enter') event.preventDefault(); });
    box.addEventListener('input', function () {
      var wanted = fold(box.value.trim());
      if (wanted) more.open = true;
      Array.prototype.forEach.call(group.querySelectorAll('.facet-value'), function (row) {
        row.hidden = wanted !== '' && fold(row.querySelector('label').firstChild.textContent).indexOf(wanted) < 0;
      });
    });
  });
})();
