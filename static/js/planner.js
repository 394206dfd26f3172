// The board's drag and drop. Hand-written, no library: a card dropped on another column
// posts the same form its keyboard-accessible "Move to" menu posts, so the server sees one
// action whichever way the user moved it. Loaded with the CSP nonce; no inline handlers.
(function () {
  "use strict";

  var dragged = null;

  function columnOf(element) {
    return element && element.closest ? element.closest("[data-drop-status]") : null;
  }

  function clearTargets() {
    document.querySelectorAll(".drop-target").forEach(function (element) {
      element.classList.remove("drop-target");
    });
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".board-card[data-move-url]");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearTargets();
  });

  document.addEventListener("dragover", function (event) {
    var column = columnOf(event.target);
    if (!column || !dragged) return;
    event.preventDefault(); // allows the drop
    event.dataTransfer.dropEffect = "move";
    if (!column.classList.contains("drop-target")) {
      clearTargets();
      column.classList.add("drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    var column = columnOf(event.target);
    var card = dragged;
    if (!column || !card) return;
    event.preventDefault();
    clearTargets();
    if (columnOf(card) === column || !window.htmx) return;
    window.htmx.ajax("POST", card.getAttribute("data-move-url"), {
      source: card, // inherits the CSRF header set on <body>
      target: "#board",
      swap: "outerHTML",
      values: { status: column.getAttribute("data-drop-status") }
    });
  });
})();
