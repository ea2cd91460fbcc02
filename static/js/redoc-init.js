// Start ReDoc with this page's CSP nonce, so the styles it writes are allowed.
// The nonce is read from this script's element: browsers hide nonce attributes.
(function () {
  "use strict";
  var container = document.getElementById("redoc-container");
  window.Redoc.init(
    container.dataset.specUrl,
    { nonce: document.currentScript.nonce },
    container
  );
})();
