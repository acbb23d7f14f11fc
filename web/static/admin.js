// Balasan dashboard: actions in place with an Undo, a dialog before a
// permanent delete, keyboard shortcuts as in WordPress (only while a
// comment has focus, WCAG 2.1.4, and switchable off per moderator),
// select all. Progressive: every form works without this script.
(function () {
  "use strict";
  var queue = document.querySelector(".adm-queue");
  var langSelect = document.getElementById("nav-lang");
  if (langSelect) {
    // Changing the language submits its form at once.
    langSelect.addEventListener("change", function () { langSelect.form.submit(); });
  }
  if (!queue) return;
  var view = queue.getAttribute("data-status");
  var live = document.getElementById("adm-live");
  var help = document.getElementById("keys-help");
  var helpButton = queue.querySelector(".adm-help-open");
  var current = null;
  var lang = document.documentElement.lang || "id";
  var numbers = window.Intl ? new Intl.NumberFormat(lang) : null;
  var shortcuts = queue.getAttribute("data-shortcuts") !== "off";
  var confirmDialog = document.getElementById("confirm-delete");
  var undoTimer = null;
  var UNDO_MS = 10000; // how long the Undo stays, unless it has focus

  function rows() { return Array.prototype.slice.call(queue.querySelectorAll(".adm-row")); }

  function say(text, bad) {
    if (!live) return;
    clearTimeout(undoTimer);
    live.textContent = text;
    live.classList.toggle("adm-bad", !!bad);
    live.setAttribute("role", bad ? "alert" : "status");
  }

  // offerUndo adds an Undo button to the message for a few seconds; it
  // posts the reverse action for the same comments and puts their rows
  // back where they were.
  function offerUndo(data, gone) {
    if (!live || !data.undo) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "adm-undo";
    button.textContent = queue.getAttribute("data-msg-undo");
    live.appendChild(document.createTextNode(" "));
    live.appendChild(button);
    function expire() {
      if (button.isConnected && document.activeElement !== button) button.remove();
      else if (button.isConnected) undoTimer = setTimeout(expire, UNDO_MS);
    }
    undoTimer = setTimeout(expire, UNDO_MS);
    button.addEventListener("click", function () {
      var form = document.getElementById("bulk") || queue.querySelector("form[method=post]");
      var token = form ? new FormData(form).get("_csrf") : "";
      var body = new URLSearchParams();
      body.set("_csrf", token);
      body.set("action", data.undo.action);
      body.set("undo", "1");
      data.undo.ids.forEach(function (id) { body.append("id", id); });
      send("/admin/comments/bulk", body).then(function (answer) {
        setCounts(answer.counts);
        putBack(gone);
        say(answer.message);
      }).catch(fail);
    });
  }

  // putBack returns removed rows to their places.
  function putBack(gone) {
    var list = queue.querySelector(".adm-list");
    (gone || []).slice().reverse().forEach(function (g) {
      if (!list) return;
      if (g.next && g.next.parentNode === list) list.insertBefore(g.row, g.next);
      else list.appendChild(g.row);
    });
  }

  function format(n) { return numbers ? numbers.format(n) : String(n); }

  function setCounts(counts) {
    if (!counts) return;
    Object.keys(counts).forEach(function (st) {
      var el = document.querySelector('.adm-count[data-count="' + st + '"]');
      if (el) el.textContent = format(counts[st]);
    });
  }

  function select(row, focus) {
    if (current) current.classList.remove("adm-current");
    current = row;
    if (!row) return;
    row.classList.add("adm-current");
    if (focus !== false) {
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: "nearest" });
    }
  }

  // removeRow takes a moderated comment out of this view and moves the
  // selection to its neighbour; it returns what an Undo needs to put the
  // row back.
  function removeRow(row) {
    var list = rows();
    var i = list.indexOf(row);
    var next = list[i + 1] || list[i - 1] || null;
    var gone = { row: row, next: row.nextElementSibling };
    row.remove();
    if (row === current) select(next, !!next);
    return gone;
  }

  // emptied loads the next page once this one has no rows left, with the
  // signed message of the last change, so its Undo is still offered there.
  function emptied(data) {
    if (rows().length > 0) return;
    var u = new URL(window.location.href);
    if (data && data.flash) u.searchParams.set("done", data.flash);
    window.location.assign(u.toString());
  }

  function post(form, extra) {
    var body = new URLSearchParams(new FormData(form));
    if (extra) Object.keys(extra).forEach(function (k) { body.set(k, extra[k]); });
    return send(form.getAttribute("action"), body);
  }

  function send(action, body) {
    var token = body.get("_csrf") || "";
    return fetch(action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": token },
      body: body
    }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (data) {
        if (!resp.ok) {
          var msg = data.error || queue.getAttribute("data-msg-failed");
          if (data.errors) msg += " " + Object.keys(data.errors).map(function (k) { return data.errors[k]; }).join(" ");
          throw new Error(msg);
        }
        return data;
      });
    });
  }

  function fail(err) { say(err.message || queue.getAttribute("data-msg-failed"), true); }

  // confirmDelete asks in a dialog before a permanent delete; without
  // dialogs (old browsers) the page's own confirmation steps remain.
  function confirmDelete(question, then) {
    if (!confirmDialog || typeof confirmDialog.showModal !== "function") return false;
    document.getElementById("confirm-delete-q").textContent = question;
    confirmDialog.returnValue = "";
    confirmDialog.addEventListener("close", function once() {
      confirmDialog.removeEventListener("close", once);
      if (confirmDialog.returnValue === "yes") then();
    });
    confirmDialog.showModal();
    return true;
  }

  function actDone(form, row) {
    post(form).then(function (data) {
      setCounts(data.counts);
      say(data.message || queue.getAttribute("data-msg-done"));
      var gone = [];
      if (data.action === "delete" || data.status !== view) gone.push(removeRow(row));
      offerUndo(data, gone);
      emptied(data);
    }).catch(fail);
  }

  queue.addEventListener("click", function (ev) {
    // The delete button of a row opens the dialog instead of its
    // second-step form.
    var summary = ev.target.closest && ev.target.closest(".adm-delete > summary");
    if (!summary) return;
    var form = summary.parentNode.querySelector("form");
    if (confirmDelete(queue.getAttribute("data-msg-confirm-one"), function () { actDone(form, form.closest(".adm-row")); })) {
      ev.preventDefault();
    }
  });

  queue.addEventListener("submit", function (ev) {
    var form = ev.target;
    var row = form.closest(".adm-row");
    if (form.classList.contains("adm-actform")) {
      ev.preventDefault();
      actDone(form, row);
    } else if (form.getAttribute("id") === "bulk") {
      // Attributes, not properties: the bulk form has fields named "id"
      // and "action", which shadow form.id and form.action.
      ev.preventDefault();
      var checked = rows().filter(function (r) {
        var box = r.querySelector('input[name="id"]');
        return box && box.checked;
      });
      if (checked.length === 0) {
        say(queue.getAttribute("data-msg-none"), true);
        return;
      }
      var bulkDone = function (extra) {
        post(form, extra).then(function (data) {
          setCounts(data.counts);
          say(data.message || queue.getAttribute("data-msg-done"));
          var all = document.getElementById("select-all");
          if (all) all.checked = false;
          var gone = checked.map(function (r) { return removeRow(r); });
          gone.forEach(function (g) {
            var box = g.row.querySelector('input[name="id"]');
            if (box) box.checked = false;
          });
          if (current && !current.isConnected) select(rows()[0] || null, false);
          offerUndo(data, gone);
          emptied(data);
        }).catch(fail);
      };
      if (form.elements.namedItem("action").value === "delete") {
        var q = queue.getAttribute("data-msg-confirm-many").replace("%n", format(checked.length));
        if (!confirmDelete(q, function () { bulkDone({ confirm: "1" }); })) bulkDone({});
      } else {
        bulkDone({});
      }
    } else if (form.classList.contains("adm-replyform")) {
      ev.preventDefault();
      post(form).then(function (data) {
        setCounts(data.counts);
        form.reset();
        form.closest("details").open = false;
        say(queue.getAttribute("data-msg-reply"));
        if (data.parent_status && data.parent_status !== view) removeRow(row);
        emptied(null);
      }).catch(fail);
    } else if (form.classList.contains("adm-editform")) {
      ev.preventDefault();
      post(form).then(function (data) {
        // content_html comes from the server's sanitiser, the same HTML
        // the page itself shows.
        row.querySelector(".adm-content").innerHTML = data.content_html;
        form.closest("details").open = false;
        say(queue.getAttribute("data-msg-edit"));
      }).catch(fail);
    }
  });

  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      rows().forEach(function (r) {
        var box = r.querySelector('input[name="id"]');
        if (box) box.checked = all.checked;
      });
    });
  }

  queue.addEventListener("click", function (ev) {
    var row = ev.target.closest && ev.target.closest(".adm-row");
    if (row && row !== current) select(row, false);
  });

  function showHelp() {
    if (help && typeof help.showModal === "function" && !help.open) help.showModal();
  }
  if (helpButton && shortcuts) {
    helpButton.hidden = false;
    helpButton.addEventListener("click", showHelp);
  }

  function act(name) {
    if (!current) return;
    var button = current.querySelector('.adm-act[data-action="' + name + '"]');
    if (button) button.form.requestSubmit(button);
  }

  function open(kind) {
    if (!current) return;
    var d = current.querySelector(".adm-" + kind);
    if (!d) return;
    d.open = true;
    d.querySelector("textarea").focus();
  }

  // Focus inside a row makes it the current one, so that the shortcuts
  // act on the comment the moderator is at.
  queue.addEventListener("focusin", function (ev) {
    var row = ev.target.closest && ev.target.closest(".adm-row");
    if (row && row !== current) select(row, false);
  });

  document.addEventListener("keydown", function (ev) {
    if (!shortcuts || ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
    var t = ev.target;
    // Single keys act only while a comment row (or something in it) has
    // focus: typed anywhere else, "j" then "a" must not approve anything.
    var inRow = t && t.closest && t.closest(".adm-row");
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && t.type !== "checkbox")) {
      if (ev.key === "Escape" && t.closest && t.closest("details")) {
        t.closest("details").open = false;
        if (current) current.focus();
      }
      return;
    }
    if (help && help.open) return;
    if (!inRow) return;
    if (inRow !== current) select(inRow, false);
    var list = rows();
    var i = current ? list.indexOf(current) : -1;
    switch (ev.key) {
      case "j": select(list[Math.min(i + 1, list.length - 1)] || null); break;
      case "k": select(list[Math.max(i - 1, 0)] || null); break;
      case "a": act("approve"); break;
      case "u": act("unapprove"); break;
      case "s": act("spam"); break;
      case "t": act("trash"); break;
      case "r": open("reply"); break;
      case "e": open("edit"); break;
      case "x":
        if (current) {
          var box = current.querySelector('input[name="id"]');
          if (box) box.checked = !box.checked;
        }
        break;
      case "?": showHelp(); break;
      default: return;
    }
    ev.preventDefault();
  });
})();
