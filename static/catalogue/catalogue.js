// Catalogue list: update results in place when filters change. Without this script the
// filter form submits normally; every state stays a plain, shareable URL.
(function () {
  "use strict";
  var form = document.querySelector("[data-catalogue-form]");
  var browser = document.getElementById("catalogue-browser");
  if (!form || !browser || !window.fetch || !window.URLSearchParams) { return; }
  var timer = null;
  var controller = null;

  function queryFromForm() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value.trim() !== "") { params.append(key, value); }
    });
    return params.toString();
  }

  function load(url, push) {
    if (controller) { controller.abort(); }
    controller = new AbortController();
    var focusedId = document.activeElement && document.activeElement.id;
    browser.setAttribute("aria-busy", "true");
    fetch(url, {
      headers: { "X-Catalogue-Fragment": "browser" },
      credentials: "same-origin",
      signal: controller.signal
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      browser.innerHTML = html;
      browser.removeAttribute("aria-busy");
      // Tell screen-reader users what changed (the live region stays outside the swap).
      var status = document.getElementById("catalogue-status");
      var count = browser.querySelector(".results-bar__count");
      if (status && count) { status.textContent = count.textContent.trim(); }
      markStages();
      if (push) { window.history.pushState({ catalogue: true }, "", url); }
      if (focusedId) {
        var again = document.getElementById(focusedId);
        if (again && browser.contains(again)) { again.focus(); }
      }
    }).catch(function (error) {
      if (error.name !== "AbortError") { window.location.href = url; }
    });
  }

  // The stage links above the form show which stages are chosen in the facets.
  function markStages() {
    var chosen = {};
    browser.querySelectorAll('input[name="stage"]:checked').forEach(function (box) {
      chosen[box.value] = true;
    });
    document.querySelectorAll(".stage-strip__link").forEach(function (link) {
      var stage = new URL(link.href, window.location.href).searchParams.get("stage");
      var current = Boolean(chosen[stage]);
      link.classList.toggle("stage-strip__link--current", current);
      if (current) { link.setAttribute("aria-current", "true"); } else { link.removeAttribute("aria-current"); }
    });
  }

  function fromForm() {
    var query = queryFromForm();
    load(form.action + (query ? "?" + query : ""), true);
  }

  form.addEventListener("change", function (event) {
    // Compare checkboxes sit inside the list but belong to the compare form.
    if (event.target.form !== form || event.target.name === "q") { return; }
    fromForm();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fromForm();
  });
  form.addEventListener("input", function (event) {
    if (event.target.form !== form || event.target.name !== "q") { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(fromForm, 350);
  });
  browser.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-catalogue-link], .pagination a");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) { return; }
    event.preventDefault();
    var url = new URL(link.href, window.location.href);
    var search = url.searchParams.get("q");
    var input = document.getElementById("catalogue-q");
    if (input) { input.value = search || ""; }
    load(url.pathname + url.search, true);
  });
  window.addEventListener("popstate", function () {
    window.location.reload();
  });
})();
