// Thi Đua staff UI: the small behaviour plain HTML cannot give. No inline scripts (CSP: script-src 'self').
(function () {
  "use strict";

  // On narrow screens the main navigation folds behind a button; without this script it simply stays open.
  function setUpNavToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var list = document.getElementById("site-nav-list");
    if (!toggle || !list) {
      return;
    }
    toggle.hidden = false;
    list.classList.add("is-collapsible");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      list.classList.toggle("is-open", !open);
    });
  }

  // The tree's <details> nodes load their children with htmx on first opening; keep aria-busy while loading.
  function setUpTreeBusyState() {
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      event.target.setAttribute("aria-busy", "true");
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      event.target.removeAttribute("aria-busy");
    });
  }

  function start() {
    setUpNavToggle();
    setUpTreeBusyState();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
