// The course website's own script (added to every page by docs/run_doxygen.py): a copy button on every
// block of code or commands, and a search box over the text of the chapters, offline: the index
// (search-index.js, window.COURSE_INDEX) is built from the pages when the site is built.
(function () {
  "use strict";

  function copyText(text, button) {
    const done = () => { button.textContent = "copied"; setTimeout(() => { button.textContent = "copy"; }, 1200); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => fallback(text, done));
    } else {
      fallback(text, done);
    }
  }

  function fallback(text, done) {  // pages opened as files are no "secure context": the old way
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* nothing to copy to */ }
    document.body.removeChild(area);
  }

  function addCopyButtons() {
    document.querySelectorAll("div.fragment, pre.fragment").forEach((block) => {
      if (block.closest(".program-output") || block.querySelector("button.copy-button")) return;
      const button = document.createElement("button");
      button.className = "copy-button";
      button.type = "button";
      button.textContent = "copy";
      button.title = "Copy to the clipboard";
      button.addEventListener("click", () => {
        const lines = block.querySelectorAll("div.line");
        const text = lines.length ? [...lines].map((l) => l.textContent).join("\n") : block.textContent;
        copyText(text.replace(/\ncopy$/, ""), button);
      });
      block.appendChild(button);
    });
  }

  // --- Search: every word of the query must occur in a section; sections ranked by how often they do.
  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[\p{L}\p{N}_']+/gu) || [];
  }

  function search(query) {
    const terms = words(query).filter((w) => w.length > 1 || /\d/.test(w));
    if (!terms.length || !window.COURSE_INDEX) return [];
    const hits = [];
    for (const page of window.COURSE_INDEX) {
      for (const [heading, anchor, text] of page.s) {
        const haystack = (page.t + " " + heading + " " + text).toLowerCase();
        let score = 0;
        for (const term of terms) {
          const count = haystack.split(term).length - 1;
          if (!count) { score = 0; break; }
          score += Math.min(count, 5) + ((page.t + " " + heading).toLowerCase().includes(term) ? 5 : 0);
        }
        if (score) hits.push({ score, page, heading, anchor, text, terms });
      }
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, 12);
  }

  function snippet(text, terms) {
    const lower = text.toLowerCase();
    const at = Math.max(0, Math.min(...terms.map((t) => { const i = lower.indexOf(t); return i < 0 ? 1e9 : i; })) - 60);
    let piece = (at > 0 ? "… " : "") + text.slice(at, at + 180) + (at + 180 < text.length ? " …" : "");
    piece = piece.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" }[c]));
    for (const term of terms) {
      piece = piece.replace(new RegExp("(" + term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + ")", "gi"), "<mark>$1</mark>");
    }
    return piece;
  }

  function addSearch() {
    const area = document.getElementById("titlearea");
    if (!area || !window.COURSE_INDEX) return;
    const box = document.createElement("div");
    box.id = "course-search";
    box.innerHTML = '<input type="search" placeholder="Search the chapters" aria-label="Search the chapters">';
    area.insertBefore(box, area.firstChild);
    const input = box.querySelector("input");
    let list = null;
    input.addEventListener("input", () => {
      if (list) { list.remove(); list = null; }
      const hits = search(input.value);
      if (!input.value.trim()) return;
      list = document.createElement("ol");
      list.innerHTML = hits.length ? hits.map((h) =>
        `<li><a href="${h.page.u}${h.anchor ? "#" + h.anchor : ""}">${h.page.t}</a>` +
        `${h.heading ? ' <span class="where">› ' + h.heading + "</span>" : ""}<br>${snippet(h.text, h.terms)}</li>`).join("")
        : "<li>No section has every word.</li>";
      box.appendChild(list);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && list) { list.remove(); list = null; input.value = ""; }
      if (e.key === "Enter" && list && list.querySelector("a")) window.location.href = list.querySelector("a").href;
    });
  }

  function start() {
    addCopyButtons();
    addSearch();
  }
  window.courseSearch = search;  // (for the browser test)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
