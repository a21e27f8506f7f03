// The nomination form without page reloads: shows the nominator's fields and the matching
// button only for a nomination of someone else, and the UN regional group of the chosen
// nationality. After a refusal it moves the focus to the summary of errors, whose links
// focus the field at fault. Without JavaScript everything shows and the server decides.
(function () {
  var form = document.querySelector(".nomination-form");
  if (!form) return;

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      var input = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
      if (!input) return;
      event.preventDefault();
      target.scrollIntoView({block: "center"});
      input.focus();
    });
  }

  function thirdParty() {
    var checked = form.querySelector("input[name=nomination_kind]:checked");
    return checked ? checked.value === "third_party" : null;
  }

  function refreshKind() {
    var kind = thirdParty();
    if (kind === null) return;  // editing: the kind is fixed and the page shows the right parts
    form.querySelectorAll("[data-third-party]").forEach(function (el) { el.hidden = !kind; });
    form.querySelectorAll("[data-self-only]").forEach(function (el) { el.hidden = kind; });
  }

  var nationality = document.getElementById("nationality");
  var region = document.getElementById("nationality-region");
  var regions = region ? JSON.parse(region.getAttribute("data-regions")) : {};
  function refreshRegion() {
    if (nationality && region) region.textContent = regions[nationality.value] || "—";
  }

  form.addEventListener("change", function () { refreshKind(); refreshRegion(); });
  refreshKind();
  refreshRegion();
})();
