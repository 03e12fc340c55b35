// Legislation tracker: small enhancements. Every page works without this file.
(function () {
  "use strict";
  // Filter and toolbar forms marked data-autosubmit submit as soon as a choice changes.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") { form.requestSubmit ? form.requestSubmit() : form.submit(); }
    });
  });
})();
