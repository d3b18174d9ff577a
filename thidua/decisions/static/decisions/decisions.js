// Decision pages: "Chọn tất cả" boxes above the entries to take into a decision. No inline scripts (CSP).
// Without this script the boxes stay hidden and each entry is ticked on its own.
(function () {
  "use strict";

  function boxesFor(control) {
    var form = control.form;
    var group = control.getAttribute("data-group");
    var name = control.getAttribute("data-select-all");
    var selector = 'input[type="checkbox"][name="' + name + '"]';
    if (group) {
      selector += '[data-group="' + group + '"]';
    }
    return form ? Array.prototype.slice.call(form.querySelectorAll(selector)) : [];
  }

  function sync(control) {
    var boxes = boxesFor(control);
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    control.checked = boxes.length > 0 && ticked === boxes.length;
    control.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  function start() {
    var controls = Array.prototype.slice.call(document.querySelectorAll("input[data-select-all]"));
    controls.forEach(function (control) {
      var wrapper = control.closest(".select-all");
      if (wrapper) {
        wrapper.hidden = false;
      }
      sync(control);
      control.addEventListener("change", function () {
        boxesFor(control).forEach(function (box) { box.checked = control.checked; });
        controls.forEach(sync);
      });
    });
    document.addEventListener("change", function (event) {
      if (event.target.matches && event.target.matches('input[type="checkbox"]:not([data-select-all])')) {
        controls.forEach(sync);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
