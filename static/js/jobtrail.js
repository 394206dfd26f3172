// Jobtrail's only hand-written script. Loaded with the CSP nonce; no inline handlers,
// no eval: every behaviour here hangs off data attributes and htmx events.
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  // The CSP forbids style attributes, so htmx must not copy them while settling a swap
  // (the browser puts empty ones on form fields; copying them only raises violations).
  if (window.htmx) window.htmx.config.attributesToSettle = ["class", "width", "height"];

  // --- toasts ------------------------------------------------------------------
  var PENDING = "jobtrail.pendingToasts";

  function fade(toast) {
    // A toast with an Undo button stays longer, and while the pointer or focus is on it.
    var delay = toast.querySelector("[data-undo-url]") ? 12000 : 6000;
    window.setTimeout(function () {
      if (toast.matches(":hover, :focus-within")) {
        fade(toast);
        return;
      }
      toast.classList.add("hide");
      window.setTimeout(function () { toast.remove(); }, 500);
    }, delay);
  }

  function undoButton(url) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-small toast-undo";
    button.textContent = "Undo";
    button.setAttribute("data-undo-url", url);
    return button;
  }

  function showToast(text, level, undoUrl) {
    var area = document.getElementById("toasts");
    if (!area || !text) return;
    var toast = document.createElement("div");
    toast.className = "toast toast-" + (level || "info");
    var words = document.createElement("span");
    words.textContent = text; // textContent: server text is never parsed as HTML here
    toast.appendChild(words);
    if (undoUrl && undoUrl.charAt(0) === "/") toast.appendChild(undoButton(undoUrl));
    area.appendChild(toast);
    fade(toast);
  }

  // Undo: post to the toast's URL; the answer's own toast and refresh events follow.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-undo-url]");
    if (!button || !window.htmx) return;
    button.disabled = true;
    var toast = button.closest(".toast");
    window.htmx.ajax("POST", button.getAttribute("data-undo-url"), {
      source: document.body, target: document.body, swap: "none"
    }).then(function () { if (toast) toast.remove(); });
  });

  // A toast that must survive a navigation (run finished → dashboard).
  function toastAfterNavigation(text, level) {
    try {
      var list = JSON.parse(window.sessionStorage.getItem(PENDING) || "[]");
      list.push({ message: text, level: level });
      window.sessionStorage.setItem(PENDING, JSON.stringify(list));
    } catch (error) {
      showToast(text, level); // storage disabled: show it now, briefly
    }
  }

  function showPendingToasts() {
    var list = [];
    try {
      list = JSON.parse(window.sessionStorage.getItem(PENDING) || "[]");
      window.sessionStorage.removeItem(PENDING);
    } catch (error) {
      return;
    }
    list.forEach(function (item) { showToast(item.message, item.level); });
  }

  window.jobtrailToast = showToast;

  // Servers send HX-Trigger: {"toast": {"message": "...", "level": "success"}}.
  document.addEventListener("toast-next-page", function (event) {
    var detail = event.detail || {};
    toastAfterNavigation(detail.message || "", detail.level);
  });

  document.addEventListener("toast", function (event) {
    var detail = event.detail || {};
    showToast(detail.message || "", detail.level, detail.undo);
  });

  // --- uploads: a progress bar while the file goes up --------------------------------
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest && event.target.closest("[data-upload-progress]");
    var bar = form && form.querySelector(".upload-progress");
    if (!bar || !event.detail.lengthComputable) return;
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  });

  // --- inline editing: Escape cancels, like the Cancel link -------------------------
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var form = event.target.closest && event.target.closest("form.inline-edit");
    var cancel = form && form.querySelector("[data-cancel-edit]");
    if (!cancel) return;
    event.preventDefault();
    // htmx.ajax, not a click: a field swapped in a moment ago may not be processed by
    // htmx yet, and a plain click would follow the link's href (a full page load).
    if (window.htmx && cancel.getAttribute("hx-get")) {
      window.htmx.ajax("GET", cancel.getAttribute("hx-get"), {
        source: cancel, target: cancel.getAttribute("hx-target"), swap: "outerHTML"
      });
    } else {
      cancel.click();
    }
  });

  // --- processing page: websocket, polling fallback, end of run ---------------------
  // The htmx ws extension connects (and reconnects after abnormal closes); the server
  // sends the current state on every connect, which is the resynchronisation. While
  // the socket is not open the page polls the same fragment every 2 s.
  var live = {
    poller: null,
    openTimer: 0,
    sawActive: false,
    cancelling: false,
    leaving: false
  };

  function liveElement() { return document.getElementById("live"); }

  function startPolling() {
    var element = liveElement();
    if (!element || live.poller || live.leaving || !window.htmx) return;
    var poller = document.createElement("div");
    poller.id = "progress-poller";
    poller.hidden = true;
    poller.setAttribute("hx-get", element.getAttribute("data-poll-url"));
    poller.setAttribute("hx-trigger", "load, every 2s");
    poller.setAttribute("hx-swap", "none"); // the fragment's regions swap themselves (hx-swap-oob)
    element.parentNode.appendChild(poller);
    live.poller = poller;
    root.classList.add("polling");
    window.htmx.process(poller);
  }

  function stopPolling() {
    var poller = live.poller;
    if (!poller) return;
    live.poller = null;
    root.classList.remove("polling");
    // The socket is the source again. A poll still in flight keeps its element until it
    // ends, its answer dropped: removed now, htmx would look for the answer's regions
    // inside the removed element (and log that it found none); aborted, htmx logs the abort.
    poller.setAttribute("data-stopped", "");
    if (!poller.classList.contains("htmx-request")) poller.remove(); // htmx stops an "every" trigger once its element is gone
  }

  function stoppedPoller(event) {
    var elt = event.detail && event.detail.elt;
    return Boolean(elt && elt.id === "progress-poller" && elt.hasAttribute("data-stopped"));
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (stoppedPoller(event)) event.preventDefault();
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (stoppedPoller(event)) event.preventDefault();
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (stoppedPoller(event)) event.detail.elt.remove();
  });

  function checkRun() {
    var state = document.getElementById("run-state");
    if (!state) return;
    var status = state.getAttribute("data-status");
    document.querySelectorAll("[data-while-running]").forEach(function (element) {
      element.hidden = status !== "started";
    });
    if (status === "started") {
      live.sawActive = true;
      return;
    }
    // Only a run seen running on this page ends it; a cancel in flight answers itself.
    if (!live.sawActive || live.cancelling || live.leaving) return;
    var message = state.getAttribute("data-message");
    var level = state.getAttribute("data-level") || "info";
    if (status === "finished" || status === "cancelled") {
      live.leaving = true;
      stopPolling();
      toastAfterNavigation(message, level);
      window.location.assign(liveElement().getAttribute("data-dashboard-url"));
    } else {
      live.sawActive = false;
      showToast(message, level);
    }
  }

  document.addEventListener("htmx:wsConnecting", function () {
    window.clearTimeout(live.openTimer);
    // A proxy that swallows the upgrade never answers: poll if not open soon.
    live.openTimer = window.setTimeout(startPolling, 3000);
  });
  document.addEventListener("htmx:wsOpen", function () {
    window.clearTimeout(live.openTimer);
    stopPolling();
  });
  document.addEventListener("htmx:wsClose", function () {
    window.clearTimeout(live.openTimer);
    startPolling();
  });
  document.addEventListener("htmx:wsError", function () {
    window.clearTimeout(live.openTimer);
    startPolling();
  });
  // A message that arrives once this page is being left (the run ended, a cancel
  // answered) has nothing to update any more: drop it rather than let htmx look for
  // regions that are going away. Runs now end quickly after a cancel, so late progress
  // events can reach a page in the middle of its navigation.
  document.addEventListener("htmx:wsBeforeMessage", function (event) {
    // Only the processing page (#live): the dashboard, board and other pages have live regions of their own.
    if (liveElement() && (live.leaving || !document.getElementById("progress"))) event.preventDefault();
  });
  // After any swap, whichever way the fragment came (push, poll): cheap and idempotent.
  ["htmx:wsAfterMessage", "htmx:oobAfterSwap", "htmx:afterSettle"].forEach(function (name) {
    document.addEventListener(name, checkRun);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.id === "cancel-button") live.cancelling = true;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.id === "cancel-button" && !event.detail.xhr.getResponseHeader("HX-Redirect")) {
      live.cancelling = false;
      checkRun();
    }
  });

  // --- dashboard: expanding an application into its timeline --------------------------
  // The company link has a real href (the application page) and hx-get for the inline
  // timeline; a second activation collapses instead of fetching again.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-expand-row")) return;
    if (elt.getAttribute("aria-expanded") === "true") {
      event.preventDefault();
      var row = document.getElementById(elt.getAttribute("data-expand-row"));
      if (row) row.hidden = true;
      elt.setAttribute("aria-expanded", "false");
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-expand-row") || !event.detail.successful) return;
    var row = document.getElementById(elt.getAttribute("data-expand-row"));
    if (row) row.hidden = false;
    elt.setAttribute("aria-expanded", "true");
  });

  // --- dialogs: a link with data-dialog-open opens the dialog modally -------------------
  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("[data-dialog-open]");
    if (!opener) return;
    var dialog = document.getElementById(opener.getAttribute("data-dialog-open"));
    if (!dialog || typeof dialog.showModal !== "function") return; // the href still works
    event.preventDefault();
    if (dialog.open) dialog.close();
    dialog.showModal();
  });

  // --- the user's time zone, reported once -----------------------------------------
  // A signed-in user whose zone the server does not know yet has data-time-zone-url on
  // <body>: send the browser's zone and clock; if the server stored them, reload once
  // so every time on the page is shown in them. Settings can change both later.
  function reportTimeZone() {
    var url = document.body.getAttribute("data-time-zone-url");
    if (!url || !window.fetch || !window.Intl) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    var cycle = new Intl.DateTimeFormat(undefined, { hour: "numeric" }).resolvedOptions().hourCycle;
    var token = "";
    try {
      token = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return;
    }
    var body = new URLSearchParams();
    body.set("time_zone", zone);
    body.set("hour_cycle", cycle === "h12" || cycle === "h11" ? "h12" : "h23");
    window.fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token }
    }).then(function (response) {
      return response.ok ? response.json() : { reload: false };
    }).then(function (answer) {
      if (answer.reload) window.location.reload();
    }).catch(function () { /* the server default stays; Settings can set the zone */ });
  }

  // "Not now" on the start dialog sticks for this browser session.
  var DISMISSED = "jobtrail.startDismissed";
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-dismiss-start]")) {
      try { window.sessionStorage.setItem(DISMISSED, "1"); } catch (error) { /* private mode */ }
    }
  });

  function keepStartDismissed() {
    var dialog = document.getElementById("start-dialog");
    var asked = window.location.search.indexOf("start=choose") !== -1;
    try {
      if (dialog && dialog.open && !asked && window.sessionStorage.getItem(DISMISSED)) dialog.close();
    } catch (error) { /* storage disabled: the dialog stays */ }
  }

  document.addEventListener("DOMContentLoaded", function () {
    reportTimeZone();
    keepStartDismissed();
    document.querySelectorAll("#toasts .toast").forEach(fade);
    showPendingToasts();
    checkRun();
  });
})();
