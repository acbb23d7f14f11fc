// Tells a parent page the height of the embed, so its iframe fits.
(function () {
  if (window.parent === window) return;
  function post() { window.parent.postMessage({ balasan: "height", height: document.documentElement.scrollHeight }, "*"); }
  window.addEventListener("load", post);
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.body);
})();
