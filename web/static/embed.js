// Balasan widget for <div id="balasan" data-article="KEY">; options and styling: README, "Embedding".
(() => {
	"use strict";
	const me = document.currentScript || document.querySelector('script[src$="/embed.js"]');
	if (!me) return;
	const BASE = me.src.replace(/\/embed\.js([?#].*)?$/, ""), enc = encodeURIComponent;
	// The server's i18n words; a Go test keeps them equal.
	const WORDS = /*i18n*/{"id":{"cancel_reply":"Batalkan balasan","comments_closed":"Komentar ditutup.","comments_title":"Komentar","email_notes":"Alamat email Anda tidak akan dipublikasikan.","form_errors":"Komentar belum terkirim. Perbaiki isian berikut; tulisan Anda tetap tersimpan di formulir.","label_author":"Nama","label_comment":"Komentar","label_email":"Email","label_honeypot":"Jangan isi ruas ini","label_notify":"Beri tahu saya lewat email bila komentar saya disetujui atau dibalas.","label_url":"Situs Web","leave_reply":"Tinggalkan Balasan","load_failed":"Komentar gagal dimuat. Coba muat ulang halaman.","loading":"Memuat komentar…","network_error":"Koneksi gagal; komentar belum terkirim. Tulisan Anda masih ada, coba lagi.","no_comments":"Belum ada komentar. Jadilah yang pertama!","reply":"Balas","reply_to":"Tinggalkan Balasan untuk","required_notes":"Ruas yang wajib ditandai","sending":"Mengirim…","sent_approved":"Terima kasih! Komentar Anda sudah tampil.","sent_pending":"Terima kasih! Komentar Anda menunggu moderasi.","staff":"Redaksi","submit":"Kirim Komentar","awaiting":"Komentar Anda sedang menunggu moderasi.","load_more":"Muat komentar lainnya","order_label":"Urutkan","order_oldest":"Terlama dulu","order_newest":"Terbaru dulu","skip_to_form":"Langsung ke formulir komentar","label_cookies":"Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya."},
	"en":{"cancel_reply":"Cancel reply","comments_closed":"Comments are closed.","comments_title":"Comments","email_notes":"Your email address will not be published.","form_errors":"Your comment was not sent. Please fix the fields below; your text is still in the form.","label_author":"Name","label_comment":"Comment","label_email":"Email","label_honeypot":"Leave this field empty","label_notify":"Email me when my comment is approved or replied to.","label_url":"Website","leave_reply":"Leave a Reply","load_failed":"Comments could not be loaded. Please reload the page.","loading":"Loading comments…","network_error":"Connection failed; your comment was not sent. Your text is still here, please try again.","no_comments":"No comments yet. Be the first!","reply":"Reply","reply_to":"Leave a Reply to","required_notes":"Required fields are marked","sending":"Sending…","sent_approved":"Thank you! Your comment is published.","sent_pending":"Thank you! Your comment is awaiting moderation.","staff":"Staff","submit":"Post Comment","awaiting":"Your comment is awaiting moderation.","load_more":"Load more comments","order_label":"Sort","order_oldest":"Oldest first","order_newest":"Newest first","skip_to_form":"Skip to the comment form","label_cookies":"Save my name, email, and website in this browser for the next time I comment."}}/*end*/;
	const MAX_DEPTH = 5, PAGE = 50, FIELDS = ["comment", "author", "email", "url"], ME = "balasan:identity";
	let root, key, lang, L, store, stamp = "", parent = "0", busy = false, back = null, order = "oldest", next = null, months;
	let f = {}, section, list, count, respond, title, cancel, form, summary, status, button, more, tail;

	// el("tag.class.class", {attributes}, [children]); strings become text.
	function el(tag, attrs, kids) {
		if (Array.isArray(attrs)) [kids, attrs] = [attrs, null];
		const p = tag.split("."), e = document.createElement(p[0]);
		if (p[1]) e.className = p.slice(1).join(" ");
		for (const k in attrs) if (attrs[k] != null && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
		for (const c of kids || []) if (c != null) e.append(c);
		return e;
	}
	// Avatar colour: FNV-1a of the public name's UTF-8 bytes, as the server.
	function hue(s) {
		let h = 0x811c9dc5;
		for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 16777619);
		return (h >>> 0) % 12;
	}
	function initials(s) {
		const out = s.trim().split(/\s+/).filter(Boolean).slice(0, 2).map(w => Array.from(w)[0].toUpperCase());
		return out.join("") || "?";
	}
	// WIB in the reader's language, as the server writes times. One formatter for all (one each cost a slow phone 1/3 s).
	function date(iso) {
		const d = new Date(Date.parse(iso) + 252e5);
		months = months || new Intl.DateTimeFormat(lang, { month: "long", timeZone: "UTC" });
		const m = months.format(d), hh = ("0" + d.getUTCHours()).slice(-2), mm = ("0" + d.getUTCMinutes()).slice(-2);
		return lang == "en" ? `${m} ${d.getUTCDate()}, ${d.getUTCFullYear()} at ${hh}:${mm} WIB`
			: `${d.getUTCDate()} ${m} ${d.getUTCFullYear()} pukul ${hh}.${mm} WIB`;
	}

	// localStorage, or nothing where the browser blocks it.
	function kept(k, v) {
		try {
			if (v === undefined) return JSON.parse(localStorage.getItem(k));
			v ? localStorage.setItem(k, JSON.stringify(v)) : localStorage.removeItem(k);
		} catch (e) { /* storage blocked */ }
	}
	// The author's pending comments [{id, hash, t}], kept per article across reloads (the server honours each 24 h).
	function pendings(add) {
		const q = new URLSearchParams(location.search), id = +q.get("unapproved"), hash = q.get("moderation-hash"), t = Date.now();
		let l = [].concat(kept(store) || [], add || []);
		if (id && hash && !l.some(p => p.id == id)) l.push({ id, hash, t });
		l = l.filter(p => p && p.id && p.hash && t - p.t < 864e5).slice(-20);
		kept(store, l.length && l);
		return l;
	}
	// Author token: proof of earlier comments (trusted policy).
	function tok(t) {
		try { return t ? localStorage.setItem("balasan:author", t) : localStorage.getItem("balasan:author"); } catch (e) { }
	}
	function getStamp() {
		fetch(BASE + "/api/form-stamp", { cache: "no-store" }).then(r => r.json())
			.then(d => { stamp = d.stamp || ""; }, () => { /* no stamp: a comment is only held */ });
	}
	// fresh skips the browser's stale copy: an author waits for a moderator.
	function api(q, fresh) {
		return fetch(BASE + "/api/articles/" + enc(key) + "/comments?" + q, { cache: fresh ? "no-cache" : "default" }).then(r => {
			if (!r.ok) throw new Error("HTTP " + r.status);
			return r.json();
		});
	}

	// own fetches a pending comment; the server puts it on its conversation's page: the newest, or else the whole thread.
	function own(p) {
		const q = `unapproved=${enc(p.id)}&moderation-hash=${enc(p.hash)}`, find = d => d.comments.find(c => c.id == p.id && c.status == "pending");
		return api(q + "&limit=1&order=newest").then(d => find(d) || api(q).then(find)).catch(() => p);
	}
	// load draws the first page afresh and the reader's pending comments, apart, so the page stays cacheable.
	function load(showID) {
		const mine = pendings(), q = "limit=" + PAGE + "&order=" + order;
		return Promise.all([api(q, mine.length), ...mine.map(own)]).then(([data, ...own]) => {
			const still = mine.filter((p, i) => own[i]); // moderated or expired: forgotten
			kept(store, still.length && still);
			if (!section) build(data.article.comments_open);
			const fresh = el("ol.bls-list");
			section.replaceChild(fresh, list);
			list = fresh;
			tail = null;
			fill(data, own.filter(c => c && c.status == "pending"), () => {
				const shown = showID && document.getElementById("comment-" + showID);
				if (shown) shown.scrollIntoView({ block: "nearest" });
			});
		});
	}
	function loadMore() {
		if (busy || !next) return;
		busy = true;
		more.setAttribute("aria-disabled", "true");
		api("limit=" + PAGE + "&order=" + order + "&after=" + enc(next)).then(d => fill(d, []), () => alarm([L.load_failed]))
			.finally(() => { busy = false; more.removeAttribute("aria-disabled"); });
	}

	// fill adds a page of threads: PAGE comments at once, the rest in later tasks, so the first paint waits for no more.
	function fill(data, own, done) {
		const by = {}, kids = {}, tops = [], seen = {}, ol = list, open = data.article.comments_open;
		const all = data.comments.concat(own.filter(c => !data.comments.some(d => d.id == c.id)));
		count.textContent = "(" + data.article.comment_count + ")";
		next = data.next || null;
		more.hidden = !next;
		for (const c of all) by[c.id] = c;
		for (const c of all) {
			const p = c.parent_id && by[c.parent_id], home = !p && c.parent_id && document.getElementById("comment-" + c.parent_id);
			if (p && p !== c) (kids[p.id] = kids[p.id] || []).push(c);
			else if (home) walk(c, Math.min(MAX_DEPTH, +home.className.replace(/.*bls-depth-(\d+).*/, "$1") + 1), home.querySelector(":scope>ol") || home.appendChild(el("ol.bls-children")));
			else tops.push(c);
		}
		// The reader's new threads go where the server will put them.
		const last = c => (c.status == "pending") * (order == "oldest" ? 1 : -1);
		tops.sort((a, b) => last(a) - last(b));
		// Replies nest up to MAX_DEPTH; deeper ones line up at that depth.
		function walk(c, depth, ol) {
			if (seen[c.id]) return 0;
			seen[c.id] = true;
			const li = node(c, depth, open);
			let n = 1, sub = null;
			// A later page goes before the reader's new threads.
			ol.insertBefore(li, ol == list && !li.matches(".bls-pending") ? tail : null);
			if (ol == list && !tail && order == "oldest" && li.matches(".bls-pending")) tail = li;
			for (const k of kids[c.id] || []) {
				if (depth >= MAX_DEPTH) n += walk(k, depth, ol);
				else n += walk(k, depth + 1, sub = sub || li.appendChild(el("ol.bls-children")));
			}
			return n;
		}
		(function chunk() {
			if (ol != list) return; // the reader asked for another order meanwhile
			for (let n = 0; tops.length && n < PAGE;) n += walk(tops.shift(), 1, ol);
			if (tops.length) return setTimeout(chunk);
			if (!list.children.length) section.replaceChild(list = el("p.bls-empty", [L.no_comments]), ol);
			if (done) done();
		})();
	}

	function node(c, depth, open) {
		const mine = c.status == "pending", name = c.author || "", content = el("div.bls-content");
		const who = c.author_url && !mine && /^https?:\/\//i.test(c.author_url)
			? el("a", { href: c.author_url, rel: "external nofollow ugc noopener", target: "_blank" }, [name]) : el("span", [name]);
		content.innerHTML = c.content_html; // sanitised on write: the only HTML ever inserted
		let reply = null;
		const li = el("li.bls-comment.bls-depth-" + depth + (mine ? ".bls-pending" : "") + (c.staff ? ".bls-staff" : ""), { id: "comment-" + c.id });
		if (open && !mine) {
			reply = el("a.bls-reply-link", { rel: "nofollow", href: "#bls-respond" }, [L.reply]);
			reply.addEventListener("click", ev => { ev.preventDefault(); replyTo(c, li, reply); });
		}
		li.append(el("article.bls-body", [
			el("header.bls-meta", [
				el("span.bls-avatar.bls-hue-" + hue(name), { "aria-hidden": "true" }, [initials(name)]),
				el("span.bls-author", [who]),
				c.staff ? el("span.bls-badge", [L.staff]) : null,
				el("a.bls-permalink", { href: "#comment-" + c.id }, [el("time", { datetime: c.created_at }, [date(c.created_at)])])
			]),
			mine ? el("p.bls-awaiting", [el("em", [L.awaiting])]) : null,
			content,
			reply && el("p.bls-reply", [reply])
		]));
		return li;
	}

	// A field's error line is always there, empty until the server refuses the value.
	function field(name, label, required, attrs) {
		const id = "bls-f-" + name;
		Object.assign(attrs, { id, name, required, "aria-describedby": (name == "email" ? "bls-email-notes " : "") + id + "-error" });
		f[name] = el(name == "comment" ? "textarea" : "input", attrs);
		return el("p.comment-form-" + name, [el("label", { for: id }, required ? [label + " ", el("span.required", ["*"])] : [label]),
			f[name], el("span.bls-field-error", { id: id + "-error" })]);
	}
	function check(name, label, attrs) {
		f[name] = el("input", Object.assign({ id: "bls-f-" + name, type: "checkbox" }, attrs));
		return el("p.comment-form-" + name, [f[name], " ", el("label", { for: "bls-f-" + name }, [label])]);
	}

	// build replaces the server-rendered fallback, keeping any text typed into it.
	function build(open) {
		const typed = {}, who = kept(ME);
		for (const n of FIELDS) { const old = root.querySelector(`[name=${n}]`); if (old && old.value) typed[n] = old.value; }
		root.textContent = "";
		list = el("p");
		count = el("span.bls-count");
		more = el("button.bls-more", { type: "button", hidden: true }, [L.load_more]);
		more.addEventListener("click", loadMore);
		const sort = el("select", { id: "bls-order" }, ["oldest", "newest"].map(o => el("option", { value: o }, [L["order_" + o]])));
		sort.addEventListener("change", () => { order = sort.value; load().catch(() => alarm([L.load_failed])); });
		section = root.appendChild(el("section.bls-comments", { "aria-labelledby": "bls-comments-title" }, [
			open ? el("a.bls-skip", { href: "#bls-respond" }, [L.skip_to_form]) : null,
			el("h2.bls-title", { id: "bls-comments-title" }, [L.comments_title + " ", count]),
			el("p.bls-order", [el("label", { for: "bls-order" }, [L.order_label]), " ", sort]), list, more]));
		if (!open) return root.append(el("p.bls-closed", { id: "bls-respond" }, [L.comments_closed]));
		section.firstChild.addEventListener("click", ev => { ev.preventDefault(); f.comment.focus(); });
		cancel = el("a", { id: "bls-cancel", rel: "nofollow", href: "#bls-respond", hidden: true }, [L.cancel_reply]);
		cancel.addEventListener("click", ev => { ev.preventDefault(); home(true); });
		title = el("span", [L.leave_reply]);
		summary = el("div.bls-error-summary", { role: "alert", tabindex: "-1" });
		status = el("p.bls-status", { role: "status", "aria-live": "polite", tabindex: "-1" });
		button = el("button.submit", { type: "submit" }, [L.submit]);
		f.bls_hp = el("input", { id: "bls-f-hp", name: "bls_hp", type: "text", tabindex: "-1", autocomplete: "off" });
		form = el("form.comment-form", { id: "bls-form", novalidate: true, action: BASE + "/comments", method: "post" }, [
			summary,
			el("p.comment-notes", [el("span", { id: "bls-email-notes" }, [L.email_notes]), " ",
				el("span.required-field-message", [L.required_notes + " ", el("span.required", ["*"])])]),
			field("comment", L.label_comment, true, { rows: 8, maxlength: 65525 }),
			field("author", L.label_author, true, { type: "text", maxlength: 245, autocomplete: "name" }),
			field("email", L.label_email, true, { type: "email", maxlength: 100, autocomplete: "email" }),
			field("url", L.label_url, false, { type: "url", maxlength: 200, autocomplete: "url" }),
			check("cookies", L.label_cookies, { name: "wp-comment-cookies-consent", value: "yes", checked: !!who }),
			check("notify", L.label_notify, { name: "notify", value: "1" }),
			el("p.bls-hp", { "aria-hidden": "true" }, [el("label", { for: "bls-f-hp" }, [L.label_honeypot]), " ", f.bls_hp]),
			el("p.form-submit", [button]),
			status
		]);
		for (const n of ["author", "email", "url"]) if (who && who[n]) f[n].value = who[n];
		for (const n in typed) f[n].value = typed[n];
		// Unticked, nothing of the reader is kept: what was kept goes at once.
		f.cookies.addEventListener("change", () => f.cookies.checked || kept(ME, null));
		form.addEventListener("submit", submit);
		respond = root.appendChild(el("div.comment-respond.bls-respond", { id: "bls-respond" }, [
			el("h3.comment-reply-title", { id: "bls-reply-title" }, [title, " ", el("small", [cancel])]), form]));
		getStamp();
	}

	// replyTo moves the form under a comment, as WordPress's comment-reply.js.
	function replyTo(c, li, link) {
		parent = String(c.id);
		back = link;
		title.textContent = L.reply_to + " ";
		title.append(el("a", { href: "#comment-" + c.id }, [c.author || ""]));
		cancel.hidden = false;
		li.insertBefore(respond, li.firstChild.nextSibling);
		f.comment.focus();
	}
	function home(refocus) {
		parent = "0";
		title.textContent = L.leave_reply;
		cancel.hidden = true;
		section.after(respond);
		if (refocus && back && back.isConnected) back.focus();
		back = null;
	}

	function clearErrors() {
		summary.textContent = "";
		for (const n of FIELDS) showError(n, "");
	}
	function showError(n, msg) {
		f[n].nextSibling.textContent = msg;
		msg ? f[n].setAttribute("aria-invalid", "true") : f[n].removeAttribute("aria-invalid");
	}
	// showErrors marks each field the server refused; the typed text stays.
	function showErrors(errs) {
		const other = [];
		for (const n in errs) FIELDS.includes(n) ? showError(n, errs[n]) : other.push(errs[n]);
		const first = FIELDS.find(n => errs[n]);
		alarm([L.form_errors, ...other], first && f[first]);
	}
	function alarm(lines, focus) {
		if (!summary) return;
		status.textContent = "";
		summary.replaceChildren(...lines.map(s => el("p", [s])));
		(focus || summary).focus();
	}

	function submit(ev) {
		ev.preventDefault();
		if (busy) return;
		busy = true;
		button.setAttribute("aria-disabled", "true");
		clearErrors();
		status.textContent = L.sending;
		const body = {
			comment_post_ID: key, comment_parent: parent, author: f.author.value, email: f.email.value, url: f.url.value,
			comment: f.comment.value, notify: f.notify.checked, bls_hp: f.bls_hp.value, bls_ts: stamp, lang,
			page_url: root.dataset.url || location.href.split(/[?#]/)[0],
			page_title: root.dataset.title || document.title, author_token: tok()
		};
		fetch(BASE + "/comments", {
			method: "POST", body: JSON.stringify(body),
			headers: { "Content-Type": "application/json", "Accept-Language": lang }
		}).then(r => r.json().catch(() => ({})).then(d => {
			if (r.status == 201) return sent(d, body);
			if (r.status == 422 && d.errors) return showErrors(d.errors);
			alarm([d.error || L.network_error]);
		}), () => alarm([L.network_error])).finally(() => {
			busy = false;
			button.removeAttribute("aria-disabled");
		});
	}
	function sent(d, b) {
		tok(d.author_token);
		kept(ME, f.cookies.checked && { author: b.author, email: b.email, url: b.url });
		if (d.status == "pending" && d.moderation_hash) pendings({ id: d.id, hash: d.moderation_hash, t: Date.now() });
		f.comment.value = "";
		home(false);
		getStamp();
		status.textContent = d.status == "approved" ? L.sent_approved : L.sent_pending;
		status.focus(); // the form moved: focus would fall to the page's body
		return load(d.id).catch(() => { /* the message above still stands */ });
	}

	// failed tells the reader briefly, and the site's developer what to change.
	function failed(e) {
		console.error(`Balasan: no comments from ${BASE} (${e.message}). Is ${location.origin} in the server's BALASAN_ALLOWED_ORIGINS? Add it.`);
		// A server-rendered fallback stays: it works without us.
		if (section || !root.querySelector("#comments")) root.replaceChildren(el("p.bls-error", { role: "alert" }, [L.load_failed]));
	}

	function start() {
		root = document.getElementById("balasan");
		key = root && root.dataset.article;
		if (!key || root.dataset.blsReady) return;
		root.dataset.blsReady = "1";
		lang = /^en/i.test(root.dataset.lang || document.documentElement.lang || navigator.language || "") ? "en" : "id";
		L = WORDS[lang];
		store = "balasan:pending:" + key;
		const css = BASE + "/static/balasan.css";
		if (![...document.querySelectorAll("link[rel~=stylesheet]")].some(l => l.href == css)) {
			document.head.append(el("link", { rel: "stylesheet", href: css }));
		}
		root.classList.add("balasan");
		if (!root.children.length) root.append(el("p.bls-status", { role: "status" }, [L.loading]));
		load(/^#comment-\d+$/.test(location.hash) && location.hash.slice(9)).catch(failed);
	}
	if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", start);
	else start();
})();
