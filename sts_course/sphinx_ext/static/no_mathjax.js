/* The course has no mathematics, so MathJax is deliberately not loaded: no CDN request leaves the site. */
