// Balasan dashboard: actions in place, keyboard shortcuts as in WordPress,
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

  function rows() { return Array.prototype.slice.call(queue.querySelectorAll(".adm-row")); }

  function say(text, bad) {
    if (!live) return;
    live.textContent = text;
    live.classList.toggle("adm-bad", !!bad);
    live.setAttribute("role", bad ? "alert" : "status");
  }

  function setCounts(counts) {
    if (!counts) return;
    Object.keys(counts).forEach(function (st) {
      var el = document.querySelector('.adm-count[data-count="' + st + '"]');
      if (el) el.textContent = counts[st];
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
  // selection to its neighbour; an emptied page loads the next one.
  function removeRow(row) {
    var list = rows();
    var i = list.indexOf(row);
    var next = list[i + 1] || list[i - 1] || null;
    row.remove();
    if (row === current) select(next, !!next);
    if (rows().length === 0) window.location.reload();
  }

  function post(form, extra) {
    var body = new URLSearchParams(new FormData(form));
    if (extra) Object.keys(extra).forEach(function (k) { body.set(k, extra[k]); });
    var token = body.get("_csrf") || "";
    return fetch(form.action, {
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

  queue.addEventListener("submit", function (ev) {
    var form = ev.target;
    var row = form.closest(".adm-row");
    if (form.classList.contains("adm-actform")) {
      ev.preventDefault();
      post(form).then(function (data) {
        setCounts(data.counts);
        say(queue.getAttribute("data-msg-done"));
        if (data.action === "delete" || data.status !== view) removeRow(row);
      }).catch(fail);
    } else if (form.id === "bulk") {
      ev.preventDefault();
      var checked = rows().filter(function (r) {
        var box = r.querySelector('input[name="id"]');
        return box && box.checked;
      });
      if (checked.length === 0) return;
      post(form).then(function (data) {
        setCounts(data.counts);
        say(queue.getAttribute("data-msg-done") + " (" + data.done + ")");
        var all = document.getElementById("select-all");
        if (all) all.checked = false;
        checked.forEach(function (r) { r.remove(); });
        if (current && !current.isConnected) select(rows()[0] || null);
        if (rows().length === 0) window.location.reload();
      }).catch(fail);
    } else if (form.classList.contains("adm-replyform")) {
      ev.preventDefault();
      post(form).then(function (data) {
        setCounts(data.counts);
        form.reset();
        form.closest("details").open = false;
        say(queue.getAttribute("data-msg-reply"));
        if (data.parent_status && data.parent_status !== view) removeRow(row);
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
  if (helpButton) {
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

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && t.type !== "checkbox")) {
      if (ev.key === "Escape" && t.closest && t.closest("details")) {
        t.closest("details").open = false;
        if (current) current.focus();
      }
      return;
    }
    if (help && help.open) return;
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
