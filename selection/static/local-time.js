// Adds the visitor's own time beside every UTC moment; pages read fine without it.
// The words and the date follow the page's language (Latin digits, as the server writes them);
// the page gives the translated words in this script's data-your-time ("your time: %(time)s").
(function () {
  var script = document.currentScript;
  var words = (script && script.getAttribute("data-your-time")) || "your time: %(time)s";
  var lang = document.documentElement.lang || "en";
  var locale = (lang === "en" ? "en-GB" : lang) + "-u-nu-latn";
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when)) return;
    var local = when.toLocaleString([locale, "en-GB"], {
      day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
    var note = document.createElement("span");
    note.className = "local-time";
    var bdi = document.createElement("bdi");
    bdi.textContent = local;
    var parts = words.split("%(time)s");
    note.append(" (" + parts[0], bdi, (parts[1] || "") + ")");
    el.after(note);
  });
})();
