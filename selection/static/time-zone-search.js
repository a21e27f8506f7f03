// A search box above each time-zone select (select[data-zone-search]): typing part of a place
// hides the zones that do not match. Without this script the grouped select works as it is.
// Its words come translated in the select's data-search-label and data-shown attributes.
(function () {
  "use strict";
  function normalise(text) { return text.toLowerCase().replace(/[_\s/]+/g, " ").trim(); }

  function attach(select) {
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "-search";
    input.className = "zone-search";
    input.setAttribute("aria-controls", select.id);
    input.setAttribute("autocomplete", "off");
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "zone-search-label";
    label.textContent = select.dataset.searchLabel || "Search the time zones";
    var status = document.createElement("p");
    status.className = "hint";
    status.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(status, select);

    input.addEventListener("input", function () {
      var query = normalise(input.value);
      var shown = 0, first = null;
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var visible = 0;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
          var match = !query || normalise(option.value + " " + option.textContent).indexOf(query) !== -1;
          option.hidden = !match;
          if (match) { visible += 1; if (!first) { first = option; } }
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      if (query && first && select.selectedOptions[0] && select.selectedOptions[0].hidden) {
        first.selected = true;
      }
      var words = select.dataset.shown || "Time zones shown: %(num)s";
      status.textContent = query ? words.replace("%(num)s", String(shown)) : "";
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-zone-search]"), attach);
})();
