// Balasan widget for <div id="balasan" data-article="KEY">; options and styling: README, "Embedding".
(() => {
	"use strict";
	const me = document.currentScript || document.querySelector('script[src$="/embed.js"]');
	if (!me) return;
	const BASE = me.src.replace(/\/embed\.js([?#].*)?$/, ""), enc = encodeURIComponent;
	// The server's i18n words; a Go test keeps them equal.
	const WORDS = /*i18n*/{"id":{"cancel_reply":"Batalkan balasan","comments_closed":"Komentar ditutup.","comments_title":"Komentar","email_notes":"Alamat email Anda tidak akan dipublikasikan.","form_errors":"Komentar belum terkirim. Perbaiki isian berikut; tulisan Anda tetap tersimpan di formulir.","label_author":"Nama","label_comment":"Komentar","label_email":"Email","label_honeypot":"Jangan isi ruas ini","label_notify":"Beri tahu saya lewat email bila komentar saya disetujui atau dibalas.","label_url":"Situs Web","leave_reply":"Tinggalkan Balasan","load_failed":"Komentar gagal dimuat. Coba muat ulang halaman.","loading":"Memuat komentar…","network_error":"Koneksi gagal; komentar belum terkirim. Tulisan Anda masih ada, coba lagi.","no_comments":"Belum ada komentar. Jadilah yang pertama!","reply":"Balas","reply_to":"Tinggalkan Balasan untuk","required_notes":"Ruas yang wajib ditandai","sending":"Mengirim…","sent_approved":"Terima kasih! Komentar Anda sudah tampil.","sent_pending":"Terima kasih! Komentar Anda menunggu moderasi.","staff":"Redaksi","submit":"Kirim Komentar","awaiting":"Komentar Anda sedang menunggu moderasi."},
	"en":{"cancel_reply":"Cancel reply","comments_closed":"Comments are closed.","comments_title":"Comments","email_notes":"Your email address will not be published.","form_errors":"Your comment was not sent. Please fix the fields below; your text is still in the form.","label_author":"Name","label_comment":"Comment","label_email":"Email","label_honeypot":"Leave this field empty","label_notify":"Email me when my comment is approved or replied to.","label_url":"Website","leave_reply":"Leave a Reply","load_failed":"Comments could not be loaded. Please reload the page.","loading":"Loading comments…","network_error":"Connection failed; your comment was not sent. Your text is still here, please try again.","no_comments":"No comments yet. Be the first!","reply":"Reply","reply_to":"Leave a Reply to","required_notes":"Required fields are marked","sending":"Sending…","sent_approved":"Thank you! Your comment is published.","sent_pending":"Thank you! Your comment is awaiting moderation.","staff":"Staff","submit":"Post Comment","awaiting":"Your comment is awaiting moderation."}}/*end*/;
	const MAX_DEPTH = 5, FIELDS = ["comment", "author", "email", "url"]; // as the server
	let root, key, lang, L, store, stamp = "", parent = "0", busy = false, back = null;
	let f = {}, section, list, count, respond, title, cancel, form, summary, status, button;

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
	// WIB in the reader's language, as the server writes times.
	function date(iso) {
		const d = new Date(Date.parse(iso) + 252e5), m = new Intl.DateTimeFormat(lang, { month: "long", timeZone: "UTC" }).format(d);
		const hh = ("0" + d.getUTCHours()).slice(-2), mm = ("0" + d.getUTCMinutes()).slice(-2);
		return lang == "en" ? `${m} ${d.getUTCDate()}, ${d.getUTCFullYear()} at ${hh}:${mm} WIB`
			: `${d.getUTCDate()} ${m} ${d.getUTCFullYear()} pukul ${hh}.${mm} WIB`;
	}

	// The author's pending comment {id, hash}, kept per article across reloads (the server honours it 24 h).
	function pending() {
		const q = new URLSearchParams(location.search);
		if (q.get("unapproved") && q.get("moderation-hash")) remember({ id: +q.get("unapproved"), hash: q.get("moderation-hash"), t: Date.now() });
		try {
			const p = JSON.parse(localStorage.getItem(store));
			if (p && p.id && p.hash && Date.now() - p.t < 864e5) return p;
		} catch (e) { /* storage blocked */ }
		return null;
	}
	function remember(p) {
		try { p ? localStorage.setItem(store, JSON.stringify(p)) : localStorage.removeItem(store); } catch (e) { /* blocked */ }
	}
	// Author token: proof of earlier comments (trusted policy).
	function tok(t) {
		try { return t ? localStorage.setItem("balasan:author", t) : localStorage.getItem("balasan:author"); } catch (e) { }
	}
	function getStamp() {
		fetch(BASE + "/api/form-stamp", { cache: "no-store" }).then(r => r.json())
			.then(d => { stamp = d.stamp || ""; }, () => { /* no stamp: a comment is only held */ });
	}

	function load(showID) {
		const p = pending();
		let url = BASE + "/api/articles/" + enc(key) + "/comments";
		if (p) url += "?unapproved=" + enc(p.id) + "&moderation-hash=" + enc(p.hash);
		return fetch(url).then(r => {
			if (!r.ok) throw new Error("HTTP " + r.status);
			return r.json();
		}).then(data => {
			if (p && !data.comments.some(c => c.id == p.id && c.status == "pending")) remember(null);
			if (!section) build(data.article.comments_open);
			fill(data);
			const shown = showID && document.getElementById("comment-" + showID);
			if (shown) shown.scrollIntoView({ block: "nearest" });
		});
	}

	function fill(data) {
		const by = {}, kids = {}, tops = [], seen = {}, ol = el("ol.bls-list");
		count.textContent = "(" + data.article.comment_count + ")";
		for (const c of data.comments) by[c.id] = c;
		for (const c of data.comments) {
			const p = c.parent_id && by[c.parent_id];
			if (p && p !== c) (kids[p.id] = kids[p.id] || []).push(c); else tops.push(c);
		}
		// Replies nest up to MAX_DEPTH; deeper ones line up at that depth.
		const walk = (c, depth, ol) => {
			if (seen[c.id]) return;
			seen[c.id] = true;
			const li = ol.appendChild(node(c, depth, data.article.comments_open));
			let sub = null;
			for (const k of kids[c.id] || []) {
				if (depth >= MAX_DEPTH) walk(k, depth, ol);
				else walk(k, depth + 1, sub = sub || li.appendChild(el("ol.bls-children")));
			}
		};
		tops.forEach(c => walk(c, 1, ol));
		const fresh = tops.length ? ol : el("p.bls-empty", [L.no_comments]);
		section.replaceChild(fresh, list);
		list = fresh;
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

	// build replaces the server-rendered fallback, keeping any text typed into it.
	function build(open) {
		const typed = {};
		for (const n of FIELDS) { const old = root.querySelector(`[name=${n}]`); if (old) typed[n] = old.value; }
		root.textContent = "";
		list = el("p");
		count = el("span.bls-count");
		section = root.appendChild(el("section.bls-comments", { "aria-labelledby": "bls-comments-title" }, [
			el("h2.bls-title", { id: "bls-comments-title" }, [L.comments_title + " ", count]), list]));
		if (!open) return root.append(el("p.bls-closed", { id: "bls-respond" }, [L.comments_closed]));
		cancel = el("a", { id: "bls-cancel", rel: "nofollow", href: "#bls-respond", hidden: true }, [L.cancel_reply]);
		cancel.addEventListener("click", ev => { ev.preventDefault(); home(true); });
		title = el("span", [L.leave_reply]);
		summary = el("div.bls-error-summary", { role: "alert", tabindex: "-1" });
		status = el("p.bls-status", { role: "status", "aria-live": "polite" });
		button = el("button.submit", { type: "submit" }, [L.submit]);
		f.notify = el("input", { id: "bls-f-notify", name: "notify", type: "checkbox", value: "1" });
		f.bls_hp = el("input", { id: "bls-f-hp", name: "bls_hp", type: "text", tabindex: "-1", autocomplete: "off" });
		form = el("form.comment-form", { id: "bls-form", novalidate: true, action: BASE + "/comments", method: "post" }, [
			summary,
			el("p.comment-notes", [el("span", { id: "bls-email-notes" }, [L.email_notes]), " ",
				el("span.required-field-message", [L.required_notes + " ", el("span.required", ["*"])])]),
			field("comment", L.label_comment, true, { rows: 8, maxlength: 65525 }),
			field("author", L.label_author, true, { type: "text", maxlength: 245, autocomplete: "name" }),
			field("email", L.label_email, true, { type: "email", maxlength: 100, autocomplete: "email" }),
			field("url", L.label_url, false, { type: "url", maxlength: 200, autocomplete: "url" }),
			el("p.comment-form-notify", [f.notify, " ", el("label", { for: "bls-f-notify" }, [L.label_notify])]),
			el("p.bls-hp", { "aria-hidden": "true" }, [el("label", { for: "bls-f-hp" }, [L.label_honeypot]), " ", f.bls_hp]),
			el("p.form-submit", [button]),
			status
		]);
		for (const n in typed) f[n].value = typed[n];
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
			comment: f.comment.value, notify: f.notify.checked, bls_hp: f.bls_hp.value, bls_ts: stamp,
			page_url: root.dataset.url || location.href.split(/[?#]/)[0],
			page_title: root.dataset.title || document.title, author_token: tok()
		};
		fetch(BASE + "/comments", {
			method: "POST", body: JSON.stringify(body),
			headers: { "Content-Type": "application/json", "Accept-Language": lang }
		}).then(r => r.json().catch(() => ({})).then(d => {
			if (r.status == 201) return sent(d);
			if (r.status == 422 && d.errors) return showErrors(d.errors);
			alarm([d.error || L.network_error]);
		}), () => alarm([L.network_error])).finally(() => {
			busy = false;
			button.removeAttribute("aria-disabled");
		});
	}
	function sent(d) {
		tok(d.author_token);
		if (d.status == "pending" && d.moderation_hash) remember({ id: d.id, hash: d.moderation_hash, t: Date.now() });
		f.comment.value = "";
		home(false);
		getStamp();
		status.textContent = d.status == "approved" ? L.sent_approved : L.sent_pending;
		return load(d.id).catch(() => { /* the message above still stands */ });
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
		load(/^#comment-\d+$/.test(location.hash) && location.hash.slice(9)).catch(() => {
			// A server-rendered fallback stays: it works without us.
			if (section || !root.querySelector("#comments")) root.replaceChildren(el("p.bls-status", { role: "alert" }, [L.load_failed]));
		});
	}
	if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", start);
	else start();
})();
