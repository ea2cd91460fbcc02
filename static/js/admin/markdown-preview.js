// Redraw a Markdown box's preview as the editor types. The preview comes from
// the server (data-preview-url), rendered and sanitised as readers will see it;
// the page arrives with it already drawn, so it is there without JavaScript.
(function () {
  "use strict";

  function watch(box) {
    const preview = document.getElementById(box.id + "-preview");
    const body = preview && preview.querySelector(".markdown-preview-body");
    const token = box.form && box.form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!body || !token) return;
    let timer = null;
    let pending = null;

    async function redraw() {
      if (pending) pending.abort();
      pending = new AbortController();
      preview.classList.add("markdown-preview-busy");
      try {
        const response = await fetch(box.dataset.previewUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": token.value },
          body: new URLSearchParams({ text: box.value }),
          signal: pending.signal,
        });
        const text = await response.text();
        if (response.ok) {
          body.innerHTML = text; // sanitised on the server (catalog/markup.py)
        } else {
          body.textContent = text || "The preview could not be drawn.";
        }
      } catch (error) {
        if (error.name !== "AbortError") body.textContent = "The preview could not be drawn.";
      } finally {
        preview.classList.remove("markdown-preview-busy");
      }
    }

    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(redraw, 300);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-preview-url]").forEach(watch);
  });
})();
