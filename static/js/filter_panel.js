// The filters of the catalog and the actor directory (templates/_filter_field.html). Everything
// works without this script: the panel opens from its summary and every checkbox is listed.
(function () {
  "use strict";

  // Beside the results there is room for the filters (the two-column layout of alianzas.css).
  if (window.matchMedia("(min-width: 50rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
      panel.open = true;
    });
  }

  // As registry.text.fold: "peru" finds "Perú".
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  document.querySelectorAll("input[data-choice-search]").forEach(function (input) {
    var box = input.closest("fieldset");
    var choices = Array.prototype.slice.call(box.querySelectorAll(".choices label"));
    input.closest(".choice-search").hidden = false;
    input.addEventListener("input", function () {
      var wanted = folded(input.value);
      choices.forEach(function (choice) {
        // A ticked box stays in sight: it is a filter in use.
        var ticked = choice.querySelector("input").checked;
        choice.hidden = wanted !== "" && !ticked && folded(choice.textContent).indexOf(wanted) === -1;
      });
    });
    // Enter here narrows the list; it must not send the form with half a name typed.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  });
})();
