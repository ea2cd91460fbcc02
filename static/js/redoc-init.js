// Start ReDoc with this page's CSP nonce, so the styles it writes are allowed.
// The nonce is read from this script's element: browsers hide nonce attributes.
// In the reader's dark mode ReDoc gets a dark theme (its `theme` option).
(function () {
  "use strict";
  var container = document.getElementById("redoc-container");
  var dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
  var options = { nonce: document.currentScript.nonce };
  if (dark) {
    options.theme = {
      colors: {
        primary: { main: "#8ab4f8" },
        text: { primary: "#e4e7eb", secondary: "#b8bec6" },
        border: { dark: "#59616b", light: "#3a4048" },
        http: {
          get: "#61affe", post: "#49cc90", put: "#fca130",
          patch: "#50e3c2", delete: "#f93e3e"
        }
      },
      schema: { nestedBackground: "#1f2329", typeNameColor: "#b8bec6",
                linesColor: "#59616b" },
      sidebar: { backgroundColor: "#1f2329", textColor: "#e4e7eb",
                 activeTextColor: "#8ab4f8" },
      rightPanel: { backgroundColor: "#0d0f12", textColor: "#e4e7eb" },
      codeBlock: { backgroundColor: "#111417" },
      typography: { links: { color: "#8ab4f8", visited: "#c58af9",
                             hover: "#aecbfa" } }
    };
  }
  window.Redoc.init(container.dataset.specUrl, options, container);
})();
