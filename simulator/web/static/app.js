/* ipt-sim: measure how soon a reply comes, move focus to the new turn or debrief, fold feedback on a phone, print.
   No network, no globals. */
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
    if (!field) { return; }
    var seconds = (performance.now() - shown) / 1000;
    if (field.value === "") {
      field.value = Math.min(Math.max(seconds, 0), MAX_SECONDS).toFixed(2);
    } else if (field.hasAttribute("data-add")) {
      // The delivery page: the time spent choosing how to say it is part of the reply, as at a terminal.
      field.removeAttribute("data-add");
      field.value = Math.min(Math.max(parseFloat(field.value) + seconds, 0), MAX_SECONDS).toFixed(2);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    // Feedback starts folded on a phone (the replies stay near), open on a wide screen.
    var folds = document.querySelectorAll("details[data-open-wide]");
    if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
      for (var j = 0; j < folds.length; j++) { folds[j].open = true; }
    }
    var target = document.querySelector("[data-focus]");
    if (target) { target.focus({ preventScroll: true }); }
    var scripted = document.querySelectorAll("[data-js]");  // what is only true with this script running
    for (var k = 0; k < scripted.length; k++) { scripted[k].hidden = false; }
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  });
})();
