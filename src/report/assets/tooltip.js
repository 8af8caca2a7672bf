/* global document, window -- runs in the browser that opens the report */
// Tooltips for the charts of a Sparkify report, with no library: each mark Vega drew carries its
// data as an ARIA label ("plays: 37; song — artist: ..."), which is shown, one field a line, beside
// the pointer while it is over the mark.
(function () {
  'use strict';
  var tip = document.getElementById('tooltip');
  var NOT_DATA = { axis: true, title: true, legend: true, 'legend item': true };
  function markOf(target) {
    var el = target && target.closest ? target.closest('figure.chart [role="graphics-symbol"][aria-label]') : null;
    if (!el || NOT_DATA[el.getAttribute('aria-roledescription')]) return null;
    return el;
  }
  function show(mark, x, y) {
    tip.textContent = '';
    mark
      .getAttribute('aria-label')
      .split('; ')
      .forEach(function (part, i) {
        if (i > 0) tip.appendChild(document.createElement('br'));
        var colon = part.indexOf(': ');
        if (colon > 0) {
          var key = document.createElement('b');
          key.textContent = part.slice(0, colon) + ': ';
          tip.appendChild(key);
          tip.appendChild(document.createTextNode(part.slice(colon + 2)));
        } else {
          tip.appendChild(document.createTextNode(part));
        }
      });
    tip.hidden = false;
    var left = Math.min(x + 14, window.innerWidth - tip.offsetWidth - 8);
    var top = y + 14 + tip.offsetHeight > window.innerHeight ? y - tip.offsetHeight - 10 : y + 14;
    tip.style.left = Math.max(left, 4) + 'px';
    tip.style.top = Math.max(top, 4) + 'px';
  }
  document.addEventListener('mousemove', function (event) {
    var mark = markOf(event.target);
    if (mark) show(mark, event.clientX, event.clientY);
    else tip.hidden = true;
  });
  document.addEventListener('mouseleave', function () {
    tip.hidden = true;
  });
})();
