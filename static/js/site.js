// Progressive enhancement shared by every page. Pages work fully without it.
(function () {
  "use strict";
  // Language choice: submit as soon as a language is picked.
  var select = document.getElementById("language-select");
  if (select && select.form) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
})();
