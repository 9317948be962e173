// The review workbench's only script (served from 127.0.0.1; no inline code, no other origin).
// Selecting text fills the add form's offsets; OCR word boxes on scans do the same; keyboard
// shortcuts: a add, x remove the focused span, r set its role, p approve, j/k next/previous.
"use strict";
(function () {
  const text = document.getElementById("doc-text");
  const start = document.getElementById("add-start");
  const end = document.getElementById("add-end");

  function offsetOf(node, offset) {
    // The document offset of a DOM position inside #doc-text: the run's data-s plus the offset.
    let el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    while (el && el !== text && !el.dataset.s) { el = el.parentElement; }
    if (!el || el === text) { return null; }
    return parseInt(el.dataset.s, 10) + offset;
  }

  function takeSelection() {
    const sel = window.getSelection();
    if (!text || !sel || sel.rangeCount === 0 || sel.isCollapsed) { return false; }
    const range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return false; }
    let a = offsetOf(range.startContainer, range.startOffset);
    let b = offsetOf(range.endContainer, range.endOffset);
    if (a === null || b === null) { return false; }
    if (a > b) { [a, b] = [b, a]; }
    const raw = range.toString();
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    a += lead; b -= trail;
    if (b <= a) { return false; }
    start.value = a; end.value = b;
    return true;
  }

  if (text && start && end) {
    text.addEventListener("mouseup", takeSelection);
    text.addEventListener("keyup", takeSelection);
  }

  // OCR word boxes: click chooses a word, shift-click extends the choice.
  document.querySelectorAll("svg.page rect.word").forEach(function (rect) {
    rect.addEventListener("click", function (ev) {
      const a = parseInt(rect.dataset.start, 10);
      const b = parseInt(rect.dataset.end, 10);
      if (ev.shiftKey && start.value !== "") {
        start.value = Math.min(parseInt(start.value, 10), a);
        end.value = Math.max(parseInt(end.value, 10), b);
      } else {
        document.querySelectorAll("svg.page rect.word.chosen").forEach(function (r) {
          r.classList.remove("chosen");
        });
        start.value = a; end.value = b;
      }
      rect.classList.add("chosen");
    });
  });

  const marks = Array.from(document.querySelectorAll("mark.ent"));
  let current = -1;
  function focusMark(i) {
    if (marks.length === 0) { return; }
    current = (i + marks.length) % marks.length;
    marks.forEach(function (m) { m.classList.remove("current"); });
    marks[current].classList.add("current");
    marks[current].focus();
  }
  marks.forEach(function (m, i) {
    m.addEventListener("focus", function () { current = i; });
  });

  function rowFor(mark) {
    return document.querySelector('tr.entity[data-start="' + mark.dataset.start +
      '"][data-end="' + mark.dataset.end + '"]');
  }

  document.addEventListener("keydown", function (ev) {
    const tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    const mark = current >= 0 ? marks[current] : null;
    if (ev.key === "a") {
      takeSelection();
      if (start && start.value !== "" && end.value !== "") { document.getElementById("add-form").requestSubmit(); }
    } else if (ev.key === "x" && mark) {
      const row = rowFor(mark);
      if (row) { row.querySelector("form.remove-form").requestSubmit(); }
    } else if (ev.key === "r" && mark) {
      const row = rowFor(mark);
      const sel = row && row.querySelector("form.role-form select");
      if (sel) { sel.focus(); }
    } else if (ev.key === "p") {
      const form = document.getElementById("approve-form");
      if (form) { form.requestSubmit(); }
    } else if (ev.key === "j") {
      focusMark(current + 1);
    } else if (ev.key === "k") {
      focusMark(current - 1);
    } else { return; }
    ev.preventDefault();
  });
})();
