// Training: progressive enhancement only. Without JavaScript every form still works.
(function () {
  "use strict";
  // Rosters: a "tick all" box in the header of the select column.
  document.querySelectorAll(".roster__table").forEach(function (table) {
    var cell = table.querySelector("thead th");
    var boxes = table.querySelectorAll("tbody input[type=checkbox][name=enrolments]");
    if (!cell || !boxes.length) return;
    var all = document.createElement("input");
    all.type = "checkbox";
    all.setAttribute("aria-label", cell.dataset.selectAllLabel || "Tick all");
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
    cell.appendChild(all);
  });
  // My training: clicking the feed address selects it for copying.
  document.querySelectorAll(".calendar-url").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
})();
