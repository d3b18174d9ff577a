// Formsets of the movement pages (awards, milestones, pledges, figures): "add a row" clones the blank row kept in a
// <template> and renumbers it. Without this script the button stays hidden and the blank rows the server sends do.
(function () {
  "use strict";

  function setUp(container) {
    var prefix = container.getAttribute("data-formset-prefix");
    var template = container.querySelector("template.formset__template");
    var rows = container.querySelector(".formset__rows");
    var total = container.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var button = container.querySelector(".formset__add");
    if (!prefix || !template || !rows || !total || !button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10) || 0;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("tbody");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      if (!row) {
        return;
      }
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  }

  function start() {
    var containers = document.querySelectorAll(".formset[data-formset-prefix]");
    for (var i = 0; i < containers.length; i += 1) {
      setUp(containers[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
