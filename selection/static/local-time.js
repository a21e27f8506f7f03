// Adds the visitor's own time beside every UTC moment; pages read fine without it.
document.querySelectorAll("time[data-local]").forEach(function (el) {
  var when = new Date(el.getAttribute("datetime"));
  if (isNaN(when)) return;
  var local = when.toLocaleString(undefined, {
    day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  var note = document.createElement("span");
  note.className = "local-time";
  note.textContent = " (your time: " + local + ")";
  el.after(note);
});
