// Balasan counts: <span data-balasan-count="KEY"></span> on a list page plus
// <script src="BASE/count.js" async></script> fill every such element with its
// article's number of approved comments, in one request (up to 100 keys each).
(() => {
	"use strict";
	const me = document.currentScript || document.querySelector('script[src$="/count.js"]');
	if (!me) return;
	const BASE = me.src.replace(/\/count\.js([?#].*)?$/, "");
	function start() {
		const spans = [...document.querySelectorAll("[data-balasan-count]")];
		const keys = [...new Set(spans.map(s => s.dataset.balasanCount).filter(Boolean))];
		for (let i = 0; i < keys.length; i += 100) {
			const q = keys.slice(i, i + 100).map(k => "article=" + encodeURIComponent(k)).join("&");
			fetch(BASE + "/api/counts?" + q, { headers: { Accept: "application/json" } })
				.then(r => r.ok ? r.json() : {})
				.then(counts => {
					for (const s of spans) {
						const n = counts[s.dataset.balasanCount];
						if (typeof n == "number") s.textContent = String(n);
					}
				}, () => { /* the page keeps what it showed */ });
		}
	}
	if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", start);
	else start();
})();
