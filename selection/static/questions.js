// Hides the custom questions whose condition ("shown only when an earlier answer is …") does not
// hold, and shows them again when it does. Pages work without it: every question then shows
// with its "Answer only if …" note, and the server ignores answers that do not apply.
(function () {
  var blocks = Array.prototype.slice.call(document.querySelectorAll(".question[data-question-key]"));
  if (!blocks.length) return;
  var byKey = {};
  blocks.forEach(function (block) { byKey[block.getAttribute("data-question-key")] = block; });

  function answerOf(block) {
    var checked = block.querySelector("input[type=radio]:checked");
    if (checked) return checked.value;
    var input = block.querySelector("input:not([type=radio]), textarea, select");
    return input ? (input.value || "").trim() : "";
  }

  function applies(block) {
    var key = block.getAttribute("data-show-if-key");
    if (!key) return true;
    var earlier = byKey[key];
    return !!earlier && applies(earlier) && answerOf(earlier) === block.getAttribute("data-show-if-value");
  }

  function refresh() {
    blocks.forEach(function (block) { block.hidden = !applies(block); });
  }

  document.addEventListener("change", refresh);
  document.addEventListener("input", refresh);
  refresh();
})();
