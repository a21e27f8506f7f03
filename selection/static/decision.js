// The decision workspace: a run's progress updated without a reload, and the live check of a
// hand-made slate against the rules. Both pages work without this script (refresh link, check on submit).
(function () {
  "use strict";

  function pollProgress(box) {
    var url = box.getAttribute("data-progress-url");
    function show(data) {
      Object.keys(data).forEach(function (key) {
        var target = box.querySelector('[data-field="' + key + '"]');
        if (target && data[key] !== null && data[key] !== undefined) { target.textContent = String(data[key]); }
      });
    }
    function tick() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          show(data);
          if (data.status === "done" || data.status === "failed") { window.location.assign(data.url); }
          else { window.setTimeout(tick, 1000); }
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    window.setTimeout(tick, 500);
  }

  function list(items) {
    var ul = document.createElement("ul");
    items.forEach(function (text) { var li = document.createElement("li"); li.textContent = text; ul.appendChild(li); });
    return ul;
  }

  function para(text, className) {
    var p = document.createElement("p");
    if (className) { p.className = className; }
    p.textContent = text;
    return p;
  }

  function liveValidation(form) {
    var url = form.getAttribute("data-validate-url");
    var hardBox = form.querySelector("[data-hard]");
    var softBox = form.querySelector("[data-soft]");
    // The headings come translated from the page (data-breaks, data-meets, data-soft-title).
    var words = form.querySelector("[data-validation]").dataset;
    function check() {
      var ids = Array.prototype.map.call(form.querySelectorAll('input[name="members"]:checked'),
        function (box) { return box.value; });
      fetch(url + "?members=" + encodeURIComponent(ids.join(",")), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          hardBox.replaceChildren();
          softBox.replaceChildren();
          // Every ticked box counts: the chosen members on top and any ticked in the list below.
          form.querySelectorAll("[data-chosen-count]").forEach(function (count) { count.textContent = String(data.count); });
          if (data.hard.length) {
            hardBox.appendChild(para(words.breaks || "Breaks hard rules:", "problems-box"));
            var ul = list(data.hard); ul.className = "problems"; hardBox.appendChild(ul);
          } else {
            hardBox.appendChild(para(words.meets || "Meets every hard rule.", "ok"));
          }
          if (data.soft.length) { softBox.appendChild(para(words.softTitle || "Soft rules not met:")); softBox.appendChild(list(data.soft)); }
        });
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === "members") { check(); }
    });
    check();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-progress-url]").forEach(pollProgress);
    document.querySelectorAll("form[data-validate-url]").forEach(liveValidation);
  });
})();
