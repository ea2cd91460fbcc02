// A "characters left" counter beside every length-limited box of an admin form.
// Without JavaScript the browser still stops at the limit (maxlength).
(function () {
  "use strict";

  function addCounter(box) {
    const limit = Number(box.getAttribute("maxlength"));
    if (!limit || box.dataset.counted) return;
    box.dataset.counted = "true";
    const counter = document.createElement("span");
    counter.className = "char-counter";
    counter.id = (box.id || box.name) + "-counter";
    const describedBy = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + counter.id);
    box.insertAdjacentElement("afterend", counter);
    function update() {
      const left = limit - box.value.length;
      counter.textContent = left === 1 ? "1 character left" : left + " characters left";
      counter.classList.toggle("char-counter-low", left <= Math.max(10, limit / 10));
    }
    box.addEventListener("input", update);
    update();
  }

  function addCounters(root) {
    root.querySelectorAll("input[maxlength]:not([type=hidden]), textarea[maxlength]").forEach(function (box) {
      if (!box.closest(".empty-form")) addCounter(box);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector("#content-main form");
    if (!form) return;
    addCounters(form);
    // Rows added with "Add another" get theirs too.
    document.addEventListener("formset:added", function (event) { addCounters(event.target); });
  });
})();
