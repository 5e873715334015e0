/* ipt-sim: measure how soon a reply comes, move focus to the new turn, print. No network, no globals. */
"use strict";
(function () {
  var MAX_SECONDS = 3600;
  var shown = performance.now();
  // Back/forward cache: a page shown again starts its clock again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { shown = performance.now(); }
  });
  document.addEventListener("submit", function (event) {
    var field = event.target.querySelector("input[name=rt]");
    if (field && field.value === "") {
      var seconds = (performance.now() - shown) / 1000;
      field.value = Math.min(Math.max(seconds, 0), MAX_SECONDS).toFixed(2);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelector("[data-focus]");
    if (target) { target.focus(); }
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  });
})();
