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

// --- live pages: the dashboard, the board and every other page of a signed-in user ---------
// The websocket swaps pushed regions in by id (Today, the chart). The list and the board
// depend on the page's own filters, so a changed #live-marker makes them reload themselves
// through htmx ("applications-live"), from the same partials as any other refresh.
(function () {
  "use strict";

  var PENDING = "jobtrail.pendingToasts"; // the same queue jobtrail.js shows after a navigation
  var before = null;

  function signature() {
    var marker = document.getElementById("live-marker");
    return marker ? marker.getAttribute("data-signature") : null;
  }

  function keepForNextPage(text) {
    try {
      var list = JSON.parse(window.sessionStorage.getItem(PENDING) || "[]");
      list.push({ message: text, level: "info" });
      window.sessionStorage.setItem(PENDING, JSON.stringify(list));
    } catch (error) { /* storage disabled: the toast is shown here only */ }
  }

  document.addEventListener("htmx:wsBeforeMessage", function () {
    before = signature();
  });

  // A pushed region was rendered at some moment, and the page may already show a later
  // render of it: an action's answer ("I followed up") that overtook a push rendered just
  // before the action (the socket's first message, on connect). The later one stays.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail && event.detail.target;
    var fragment = event.detail && event.detail.fragment;
    if (!target || !fragment || !target.hasAttribute || !target.hasAttribute("data-rendered-at")) return;
    var incoming = fragment.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? fragment.firstElementChild : fragment;
    var pushed = Number(incoming && incoming.getAttribute("data-rendered-at"));
    if (pushed && pushed < Number(target.getAttribute("data-rendered-at"))) event.preventDefault();
  });

  document.addEventListener("htmx:wsAfterMessage", function () {
    var now = signature();
    if (before !== null && now !== null && now !== before) {
      document.body.dispatchEvent(new CustomEvent("applications-live", { bubbles: true }));
    }
    document.querySelectorAll("#toasts .toast-notify:not([data-seen])").forEach(function (toast) {
      toast.setAttribute("data-seen", "true");
      // The processing page leaves for the dashboard when the run ends: take it along.
      if (document.getElementById("live")) keepForNextPage(toast.textContent);
      window.setTimeout(function () {
        toast.classList.add("hide");
        window.setTimeout(function () { toast.remove(); }, 500);
      }, 12000);
    });
  });
})();
