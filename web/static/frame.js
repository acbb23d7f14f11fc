// The embed page's script: tells a parent page its height, so the iframe
// fits (README, "Embedding", has the parent's one line), and remembers the
// reader's name, email and website when they tick WordPress's box.
(function () {
  var form = document.getElementById("commentform"), box = document.getElementById("wp-comment-cookies-consent"), KEY = "balasan:identity";
  function kept(v) {
    try { return v === undefined ? JSON.parse(localStorage.getItem(KEY)) : v ? localStorage.setItem(KEY, JSON.stringify(v)) : localStorage.removeItem(KEY); } catch (e) { return null; }
  }
  // A rejected form: the first field to fix gets focus, once the browser
  // has scrolled to #respond (which blocks autofocus and takes focus).
  var bad = form && form.querySelector("[aria-invalid=true]");
  if (bad) window.addEventListener("load", function () { setTimeout(function () { bad.focus(); }); });
  if (form && box) {
    var who = kept(), names = ["author", "email", "url"];
    if (who) {
      box.checked = true;
      names.forEach(function (n) { if (form[n] && !form[n].value && who[n]) form[n].value = who[n]; });
    }
    box.addEventListener("change", function () { if (!box.checked) kept(null); });
    form.addEventListener("submit", function () {
      kept(box.checked && { author: form.author.value, email: form.email.value, url: form.url.value });
    });
  }
  if (window.parent === window) return;
  // The document's own height, not scrollHeight, which never goes below the frame's.
  function post() { window.parent.postMessage({ balasan: "height", height: Math.ceil(document.documentElement.getBoundingClientRect().height) }, "*"); }
  window.addEventListener("load", post);
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.body);
})();
