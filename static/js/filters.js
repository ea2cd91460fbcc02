// The catalog's filters fold under "Filters (n active)" on phones; on wider
// screens they start open. Without this script they start folded everywhere.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  function openOnWideScreens() {
    if (!wide.matches) return;
    document.querySelectorAll("details.filters-panel").forEach(function (panel) {
      panel.open = true;
    });
  }
  openOnWideScreens();
  wide.addEventListener("change", openOnWideScreens);
})();
