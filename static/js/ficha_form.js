// The online ficha, improved where scripts run: rows of actors and countries are added and
// removed in place (without a script, empty rows come after each save and an emptied row is
// dropped), and leaving a page with unsaved answers asks first (a language switch or a link
// would otherwise drop what was typed).
(function () {
  "use strict";

  function renumber(row, number) {
    row.querySelectorAll("[aria-label]").forEach(function (input) {
      input.setAttribute("aria-label", input.getAttribute("aria-label").replace(/\d+$/, String(number)));
    });
  }

  function setUpRows(table) {
    var prefix = table.getAttribute("data-rows");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-template");
    var button = document.querySelector("[data-add-row='" + prefix + "']");
    var body = table.tBodies[0];
    var max = parseInt(table.getAttribute("data-max-rows"), 10) || 1000;
    if (!total || !template || !button || !body) { return; }

    function refresh() {
      button.disabled = parseInt(total.value, 10) >= max;
    }

    function clear(row) {
      row.querySelectorAll("input, select, textarea").forEach(function (input) {
        if (input.tagName === "SELECT") { input.selectedIndex = 0; } else { input.value = ""; }
      });
    }

    function wire(row) {
      var remove = row.querySelector("[data-remove-row]");
      if (!remove) { return; }
      remove.hidden = false;
      remove.addEventListener("click", function () {
        // The server ignores an empty row: emptying it is how a row is removed, with or without a script.
        clear(row);
        row.hidden = true;
        row.dispatchEvent(new Event("input", { bubbles: true }));
        button.focus();
      });
    }

    Array.prototype.forEach.call(body.rows, wire);
    button.parentNode.hidden = false;
    document.querySelectorAll("[data-without-script]").forEach(function (note) { note.hidden = true; });
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (index >= max) { return; }
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("tbody");
      holder.innerHTML = html;
      var row = holder.querySelector("tr");
      renumber(row, index + 1);
      body.appendChild(row);
      total.value = String(index + 1);
      wire(row);
      refresh();
      var first = row.querySelector("input, select");
      if (first) { first.focus(); }
    });
    refresh();
  }

  function warnBeforeLeaving(form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) { return; }
      event.preventDefault();
      event.returnValue = "";  // older browsers show their own wording only when this is set
    });
  }

  document.querySelectorAll("table[data-rows]").forEach(setUpRows);
  document.querySelectorAll("form[data-warn-unsaved]").forEach(warnBeforeLeaving);
})();
