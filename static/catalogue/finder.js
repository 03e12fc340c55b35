// Case finder: show how the words are read while the user types. Without this script the
// form submits normally. The text goes by POST to the same site and is stored nowhere.
(function () {
  "use strict";
  var form = document.querySelector("[data-finder-form]");
  var target = document.getElementById("finder-reading");
  if (!form || !target || !window.fetch || !window.FormData) { return; }
  var url = form.getAttribute("data-reading-url");
  var timer = null;
  var controller = null;

  function refresh() {
    if (controller) { controller.abort(); }
    controller = new AbortController();
    target.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      cache: "no-store",
      signal: controller.signal
    }).then(function (response) {
      if (!response.ok) { throw new Error("status " + response.status); }
      return response.text();
    }).then(function (html) {
      target.innerHTML = html;
      target.removeAttribute("aria-busy");
    }).catch(function (error) {
      target.removeAttribute("aria-busy");
      if (error.name !== "AbortError") { /* the form still submits without the preview */ }
    });
  }

  function soon(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, delay);
  }

  form.addEventListener("input", function (event) {
    if (event.target.name === "case") { soon(400); }
  });
  form.addEventListener("change", function (event) {
    if (event.target.name !== "case") { soon(50); }
  });
})();
