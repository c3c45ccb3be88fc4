MathJax.Hub.Config({
  // No "Typesetting math" box (it would show in the screenshots of the browser test).
  messageStyle: "none",
  // Always the web fonts copied next to the pages (fonts/HTML-CSS/TeX/woff), never fonts that happen to
  // be installed on the reader's machine, so every reader (and the browser test) sees the same thing.
  "HTML-CSS": { availableFonts: [], preferredFont: null, webFont: "TeX", imageFont: null }
});
