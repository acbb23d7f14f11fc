package api_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"balasan/internal/apptest"
	"balasan/internal/i18n"
)

// hostSite is an article site on an origin of its own, allowed or not,
// whose every page is page(base) (base: the service's URL). It returns
// the service and the site's URL.
func hostSite(t *testing.T, allowed bool, page func(base string) string, opts ...string) (*apptest.Env, string, *syncBuffer) {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	site := "http://" + srv.Listener.Addr().String()
	logs := &syncBuffer{}
	if allowed {
		opts = append([]string{"-allowed-origins", site}, opts...)
	}
	env := apptest.NewLogged(t, logs, opts...)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(env.URL))
	})
	srv.Start()
	t.Cleanup(srv.Close)
	return env, site, logs
}

// widgetPage is an article page with the widget; it notes what the
// page writes to the console's error log.
func widgetPage(base string) string {
	return fmt.Sprintf(`<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Artikel</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script>window.errors = []; const e = console.error; console.error = (...a) => { errors.push(a.join(" ")); e(...a); };</script></head>
<body><main><h1>Artikel uji</h1><p>Isi artikel.</p><div id="balasan" data-article="%s"></div></main>
<script src="%s/embed.js" async></script></body></html>`, key, html.EscapeString(base))
}

// TestWidget_NotAllowedOrigin: on a site the service does not allow, the
// widget says so in an error box, the console names the setting to
// change, and the server logs the origin once.
func TestWidget_NotAllowedOrigin(t *testing.T) {
	env, site, logs := hostSite(t, false, widgetPage)
	seed(t, env, key, "Budi Santoso", "budi@example.test", "Tidak terlihat di situs asing", 0, true)
	ctx := apptest.Browser(t)
	for range 2 {
		apptest.Step(t, ctx, "open the article", chromedp.Navigate(site+"/artikel"))
		waitFor(t, ctx, "the error", `document.querySelector("#balasan .bls-error")`)
	}
	for expr, want := range map[string]string{
		`document.querySelector("#balasan .bls-error").textContent`:                      i18n.ID.T("load_failed"),
		`document.querySelector("#balasan .bls-error").getAttribute("role")`:             "alert",
		`getComputedStyle(document.querySelector("#balasan .bls-error")).color`:          "rgb(179, 38, 30)",
		`getComputedStyle(document.querySelector("#balasan .bls-error")).borderTopColor`: "rgb(179, 38, 30)",
		`String(errors.length)`: "1",
		`String(errors[0].includes("BALASAN_ALLOWED_ORIGINS") && errors[0].includes(location.origin))`: "true",
	} {
		if got := apptest.Eval[string](t, ctx, expr); got != want {
			t.Errorf("%s: %q, want %q", expr, got, want)
		}
	}
	if got := logs.warnings(t); len(got) != 1 || got[0] != site {
		t.Errorf("server warnings for %v, want one for %s", got, site)
	}
}

// parentSizing is the one line README gives a site that frames the embed
// page; the test takes it from README, so the two cannot drift apart.
func parentSizing(t *testing.T, base string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "<script>addEventListener(\"message\"") {
			return strings.ReplaceAll(line, "BASE", base)
		}
	}
	t.Fatal("README lacks the parent page's sizing line")
	return ""
}

// TestEmbedFrame_ParentSizing: README's one line on a page of another
// origin makes the iframe as tall as the comments, and follows them.
func TestEmbedFrame_ParentSizing(t *testing.T) {
	var script string
	env, site, _ := hostSite(t, true, func(base string) string {
		return fmt.Sprintf(`<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Bingkai</title></head><body>
<p>Artikel.</p><iframe src="%s/embed/%s" title="Komentar" style="width:100%%;border:0"></iframe>
%s</body></html>`, base, key, script)
	})
	script = parentSizing(t, env.URL)
	for i := range 6 {
		seed(t, env, key, fmt.Sprintf("Pembaca %d", i), fmt.Sprintf("p%d@example.test", i), strings.Repeat("Komentar yang cukup panjang. ", 20), 0, true)
	}
	ctx := apptest.Browser(t)
	apptest.Step(t, ctx, "open the site", chromedp.Navigate(site+"/artikel"))
	frame := `document.querySelector("iframe")`
	waitFor(t, ctx, "the frame to fit", frame+`.getBoundingClientRect().height > 1000`)
	tall := apptest.Eval[float64](t, ctx, frame+`.getBoundingClientRect().height`)
	if got := apptest.Eval[string](t, ctx, frame+`.style.height`); got != fmt.Sprintf("%dpx", int(tall)) {
		t.Errorf("frame height style %q, want %vpx", got, tall)
	}
	// More comments, a taller frame.
	seed(t, env, key, "Pembaca Akhir", "akhir@example.test", strings.Repeat("Satu lagi, panjang. ", 40), 0, true)
	apptest.Step(t, ctx, "reload", chromedp.Reload())
	waitFor(t, ctx, "the frame to grow", fmt.Sprintf(`%s.getBoundingClientRect().height > %v`, frame, tall+50))
}

// evalAll checks JavaScript expressions against their wanted values.
func evalAll(t *testing.T, ctx context.Context, want map[string]string) {
	t.Helper()
	for expr, w := range want {
		if got := apptest.Eval[string](t, ctx, expr); got != w {
			t.Errorf("%s: %q, want %q", expr, got, w)
		}
	}
}

// TestWidget_RemembersIdentity: ticked, WordPress's box keeps name, email
// and website in this browser and fills them in next time; unticked,
// nothing is kept and what was kept goes. The widget and the embed form.
func TestWidget_RemembersIdentity(t *testing.T) {
	env, site, _ := hostSite(t, true, widgetPage)
	ctx := apptest.Browser(t)
	for _, tt := range []struct {
		name, url, form, box, submit, comment, author, email, url_ string
	}{
		{"widget", site + "/artikel", "#bls-form", "#bls-f-cookies", "#bls-form button.submit", "bls-f-comment", "bls-f-author", "bls-f-email", "bls-f-url"},
		{"embed page", env.URL + "/embed/" + key, "#commentform", "#wp-comment-cookies-consent", "#submit", "comment", "author", "email", "url"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			open := func(what string) {
				apptest.Step(t, ctx, what, chromedp.Navigate(tt.url))
				waitFor(t, ctx, "the form", `document.querySelector("`+tt.form+`") && document.querySelector("`+tt.box+`")`)
			}
			values := `["` + tt.author + `", "` + tt.email + `", "` + tt.url_ + `"].map(id => document.getElementById(id).value).join("|") + "|" + document.querySelector("` + tt.box + `").checked`
			open("open")
			evalAll(t, ctx, map[string]string{
				values: "|||false",
				`document.querySelector("label[for=` + strings.TrimPrefix(tt.box, "#") + `]").textContent`: i18n.ID.T("label_cookies"),
			})
			post := func(text string, tick bool) {
				fill(t, ctx, map[string]string{tt.comment: text, tt.author: "Rina Wulandari", tt.email: "rina@example.test", tt.url_: "https://rina.example/"})
				apptest.Step(t, ctx, "tick or not", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector("%s").checked = %v`, tt.box, tick)))
				apptest.Step(t, ctx, "send", chromedp.Click(chromedp.CSS(tt.submit)))
				waitFor(t, ctx, "the pending comment", `document.querySelector(".bls-pending")`)
			}
			post("Ingat saya, "+tt.name+".", true)
			open("come back")
			evalAll(t, ctx, map[string]string{values: "Rina Wulandari|rina@example.test|https://rina.example/|true"})
			// Unticking forgets at once, before any sending.
			apptest.Step(t, ctx, "untick", chromedp.Click(chromedp.CSS(tt.box)))
			evalAll(t, ctx, map[string]string{`String(localStorage.getItem("balasan:identity"))`: "null"})
			post("Jangan ingat saya, "+tt.name+".", false)
			open("come back again")
			evalAll(t, ctx, map[string]string{values: "|||false", `String(localStorage.getItem("balasan:identity"))`: "null"})
		})
	}
}

// TestWidget_OwnPendingComments: every comment a reader sent stays visible
// to them, across reloads, until it is moderated; nobody else sees them.
func TestWidget_OwnPendingComments(t *testing.T) {
	env, site, _ := hostSite(t, true, widgetPage)
	top := seed(t, env, key, "Budi Santoso", "budi@example.test", "Komentar pertama", 0, true)
	ctx := apptest.Browser(t)
	apptest.Step(t, ctx, "open", chromedp.Navigate(site+"/artikel"))
	waitFor(t, ctx, "the widget", widgetReady)
	for i, text := range []string{"Milik saya satu.", "Milik saya dua.", "Milik saya tiga, sebuah balasan."} {
		if i == 2 {
			apptest.Step(t, ctx, "reply", chromedp.Click(chromedp.CSS(fmt.Sprintf("#comment-%d .bls-reply-link", top.ID))))
		}
		fill(t, ctx, map[string]string{"bls-f-comment": text, "bls-f-author": "Rina", "bls-f-email": "rina@example.test"})
		apptest.Step(t, ctx, "send", chromedp.Click(chromedp.CSS("#bls-form button.submit")))
		waitFor(t, ctx, "it shows", fmt.Sprintf(`document.querySelectorAll(".bls-pending").length == %d`, i+1))
		// Focus goes to the result, not to the page's body.
		evalAll(t, ctx, map[string]string{`document.activeElement.className`: "bls-status"})
	}
	mine := `[...document.querySelectorAll(".bls-pending .bls-content")].map(e => e.textContent).join("|")`
	want := "Milik saya tiga, sebuah balasan.|Milik saya satu.|Milik saya dua."
	apptest.Step(t, ctx, "reload", chromedp.Reload())
	waitFor(t, ctx, "three pending", `document.querySelectorAll(".bls-pending").length == 3`)
	evalAll(t, ctx, map[string]string{
		mine: want,
		fmt.Sprintf(`String(!!document.querySelector("#comment-%d > ol.bls-children > .bls-pending"))`, top.ID): "true",
	})
	other := apptest.Tab(t, ctx, chromedp.WithNewBrowserContext())
	apptest.Step(t, other, "another browser", chromedp.Navigate(site+"/artikel"))
	waitFor(t, other, "the widget", widgetReady)
	evalAll(t, other, map[string]string{`String(document.querySelectorAll(".bls-pending").length)`: "0"})
	// Approved, one is an ordinary comment and is no longer asked for.
	var first int64
	fmt.Sscan(strings.TrimPrefix(apptest.Eval[string](t, ctx, `document.querySelectorAll(".bls-list > .bls-pending")[0].id`), "comment-"), &first)
	env.Approve(first)
	apptest.Step(t, ctx, "reload", chromedp.Reload())
	waitFor(t, ctx, "two pending", `document.querySelectorAll(".bls-pending").length == 2 && document.querySelector("#comment-`+fmt.Sprint(first)+`")`)
	evalAll(t, ctx, map[string]string{
		`String(JSON.parse(localStorage.getItem("balasan:pending:` + key + `")).length)`: "2",
		`document.querySelector("#comment-` + fmt.Sprint(first) + `").className`:         "bls-comment bls-depth-1",
	})
}

// TestAccessible: axe-core finds no WCAG 2.1 A or AA violation on the
// demo page, the embed page, an article page with the widget and the page
// of a rejected no-JS form; the skip link leads to the form; a rejected
// form comes back scrolled to its errors with focus on the first field.
func TestAccessible(t *testing.T) {
	env, site, _ := hostSite(t, true, widgetPage)
	top := seed(t, env, key, "Budi Santoso", "budi@example.test", "Komentar pertama", 0, true)
	seed(t, env, key, "Siti Aminah", "siti@example.test", "Balasan", top.ID, true)
	for i := range 12 { // every avatar colour
		seed(t, env, key, fmt.Sprintf("Pembaca %c", 'A'+i), fmt.Sprintf("p%d@example.test", i), "Komentar", 0, true)
	}
	ctx := apptest.Browser(t)
	for _, tt := range []struct{ name, url, ready string }{
		{"demo page", env.URL + "/", widgetReady},
		{"embed page", env.URL + "/embed/" + key, `document.querySelector("#commentform")`},
		{"article page with the widget", site + "/artikel", widgetReady},
	} {
		t.Run(tt.name, func(t *testing.T) {
			apptest.Step(t, ctx, "open", chromedp.Navigate(tt.url))
			waitFor(t, ctx, "the page", tt.ready)
			if v := apptest.Axe(t, ctx); len(v) > 0 {
				t.Errorf("axe-core:\n%s", strings.Join(v, "\n"))
			}
		})
	}
	t.Run("skip link", func(t *testing.T) {
		for _, tt := range []struct{ url, ready, field string }{
			{site + "/artikel", widgetReady, "bls-f-comment"},
			{env.URL + "/embed/" + key, `document.querySelector("#commentform")`, "comment"},
		} {
			apptest.Step(t, ctx, "open", chromedp.Navigate(tt.url))
			waitFor(t, ctx, "the page", tt.ready)
			// The first Tab into the comments lands on the skip link; Enter, then Tab, reach the form.
			apptest.Step(t, ctx, "focus the comments' first link", chromedp.Evaluate[chromedp.Void](`document.querySelector(".bls-comments").tabIndex = -1, document.querySelector(".bls-comments").focus()`),
				chromedp.KeyEvent("\t"))
			evalAll(t, ctx, map[string]string{`document.activeElement.className`: "bls-skip"})
			apptest.Step(t, ctx, "follow it", chromedp.KeyEvent("\r"))
			if got := apptest.Eval[string](t, ctx, `document.activeElement.id`); got != tt.field {
				apptest.Step(t, ctx, "tab", chromedp.KeyEvent("\t"))
				if got = apptest.Eval[string](t, ctx, `document.activeElement.closest("form") ? document.activeElement.id : "outside: " + document.activeElement.tagName`); got != tt.field {
					t.Errorf("%s: after the skip link focus is on %q, want %s", tt.url, got, tt.field)
				}
			}
		}
	})
	t.Run("rejected form", func(t *testing.T) {
		apptest.Step(t, ctx, "post without email", chromedp.Navigate(env.URL+"/embed/"+key),
			chromedp.SendKeys(chromedp.CSS("#comment"), "Teks yang tidak boleh hilang"),
			chromedp.SendKeys(chromedp.CSS("#author"), "Wati"),
			chromedp.Click(chromedp.CSS("#submit")))
		waitFor(t, ctx, "the rejected form", `document.querySelector("#email-error") && document.readyState == "complete"`)
		waitFor(t, ctx, "focus on the first field to fix", `document.activeElement.id == "email"`)
		evalAll(t, ctx, map[string]string{
			`location.hash`:                                               "#respond",
			`document.activeElement.id`:                                   "email",
			`document.querySelector("#comment").value`:                    "Teks yang tidak boleh hilang",
			`new URL(document.querySelector("#commentform").action).hash`: "#respond",
		})
		if v := apptest.Axe(t, ctx); len(v) > 0 {
			t.Errorf("axe-core on the rejected form:\n%s", strings.Join(v, "\n"))
		}
	})
}

// TestWidget_LoadMoreAndOrder: 120 threads come 50 at a time behind
// "Muat komentar lainnya", oldest or newest first as the reader chooses.
func TestWidget_LoadMoreAndOrder(t *testing.T) {
	env, site, _ := hostSite(t, true, widgetPage)
	var ids []int64
	for i := range 120 {
		c := seed(t, env, key, fmt.Sprintf("Pembaca %d", i), fmt.Sprintf("p%d@example.test", i), fmt.Sprintf("Komentar nomor %d", i), 0, true)
		ids = append(ids, c.ID)
	}
	reply := seed(t, env, key, "Penjawab", "jawab@example.test", "Balasan untuk yang pertama", ids[0], true)
	if r := get(t, env, "/api/articles/"+key+"/comments?limit=50", nil); !strings.Contains(r.Body, `"next"`) {
		t.Fatalf("the first page of 50 has no \"next\": %.200s", r.Body)
	}
	ctx := apptest.Browser(t)
	apptest.Step(t, ctx, "open", chromedp.Navigate(site+"/artikel"))
	waitFor(t, ctx, "the widget", widgetReady)
	tops := `[...document.querySelectorAll(".bls-list > .bls-comment")]`
	shown := func(n int, first, last int64, more bool) {
		t.Helper()
		waitFor(t, ctx, fmt.Sprintf("%d threads", n), fmt.Sprintf(`%s.length == %d`, tops, n))
		evalAll(t, ctx, map[string]string{
			tops + `[0].id + " " + ` + tops + `.at(-1).id`:              fmt.Sprintf("comment-%d comment-%d", first, last),
			`String(document.querySelector(".bls-more").hidden)`:        fmt.Sprint(!more),
			`document.querySelector("#bls-comments-title").textContent`: "Komentar (121)",
		})
	}
	shown(50, ids[0], ids[49], true)
	evalAll(t, ctx, map[string]string{
		`document.querySelector(".bls-more").textContent`:                                            "Muat komentar lainnya",
		fmt.Sprintf(`String(!!document.querySelector("#comment-%d #comment-%d"))`, ids[0], reply.ID): "true",
	})
	apptest.Step(t, ctx, "load more", chromedp.Click(chromedp.CSS(".bls-more")))
	shown(100, ids[0], ids[99], true)
	apptest.Step(t, ctx, "load the rest", chromedp.Click(chromedp.CSS(".bls-more")))
	shown(120, ids[0], ids[119], false)
	apptest.Step(t, ctx, "newest first", chromedp.SetValue(chromedp.CSS("#bls-order"), "newest"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#bls-order").dispatchEvent(new Event("change"))`))
	waitFor(t, ctx, "newest first", fmt.Sprintf(`%s[0].id == "comment-%d"`, tops, ids[119]))
	shown(50, ids[119], ids[70], true)
	apptest.Step(t, ctx, "load more", chromedp.Click(chromedp.CSS(".bls-more")))
	shown(100, ids[119], ids[20], true)
}
