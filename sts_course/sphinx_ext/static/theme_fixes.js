/* Accessibility fixes for the book theme. The search button's visible text ("Search Ctrl+K")
 * must be part of its accessible name (WCAG 2.5.3, label in name); the theme labels it
 * "Search" only. */
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll(".search-button__button").forEach(function (button) {
      var visible = button.textContent.replace(/\s+/g, " ").trim();
      if (visible) button.setAttribute("aria-label", visible);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix);
  else fix();
})();
