/* Accessibility fixes for the book theme (WCAG 2.5.3, label in name):
 * the search button's visible text ("Search Ctrl+K") must be part of its accessible name;
 * the theme labels it "Search" only. (The colour-mode button is fixed in its template.) */
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
