/* Platform Survey: small enhancements on top of pages that work without JavaScript.
 * Loaded as a static file (the CSP forbids inline script). */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // htmx: send the CSRF token (from <meta name="csrf-token">) with every unsafe request, and drop
  // empty GET parameters so the URL pushed into the history stays short and shareable.
  document.addEventListener("htmx:configRequest", function (event) {
    var detail = event.detail;
    if (detail.verb !== "get") {
      var meta = document.querySelector('meta[name="csrf-token"]');
      if (meta) {
        detail.headers["X-CSRFToken"] = meta.content;
      }
      return;
    }
    var data = detail.formData;
    if (!data || typeof data.keys !== "function") {
      return;
    }
    var empty = [];
    Array.from(new Set(data.keys())).forEach(function (key) {
      if (data.getAll(key).every(function (value) { return value === ""; })) {
        empty.push(key);
      }
    });
    empty.forEach(function (key) { data.delete(key); });
  });

  // Mark the region being refreshed, for the CSS to dim while a filter request runs.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target) { target.setAttribute("aria-busy", "true"); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var target = event.detail.target;
    if (target) { target.removeAttribute("aria-busy"); }
  });

  // On a phone, the filters start folded so the results come first; the summary unfolds them.
  if (window.matchMedia("(max-width: 820px)").matches) {
    document.querySelectorAll("details.filter-details").forEach(function (details) {
      if (!details.querySelector("input:checked, select option:checked:not([value=''])")) {
        details.open = false;
      }
    });
  }

  // A link to a part of a page that sits in a closed disclosure (a capability row of a technology
  // page, from search results) opens the disclosures around it, so the target is shown.
  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    var opened = false;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened = true; }
      if (node.tagName === "SECTION" && node === target) {
        var own = node.querySelector(":scope > details");
        if (own && !own.open) { own.open = true; opened = true; }
      }
    }
    if (opened) { target.scrollIntoView(); }
  }
  revealTarget();
  window.addEventListener("hashchange", revealTarget);

  // Tech radar: show the explanation of the dot under the pointer or keyboard focus.
  function explain(event) {
    var blip = event.target.closest ? event.target.closest(".blip") : null;
    var box = document.getElementById("radar-explanation");
    if (blip && box) {
      box.textContent = blip.getAttribute("data-explanation");
    }
  }
  document.addEventListener("focusin", explain);
  document.addEventListener("mouseover", explain);
})();
