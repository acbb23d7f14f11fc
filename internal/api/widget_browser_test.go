package api_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"balasan/internal/api"
	"balasan/internal/apptest"
	"balasan/internal/i18n"
	"balasan/internal/server"
	"balasan/web"
)

// site is an article site on its own origin that embeds the widget, as a
// newsroom's pages would: /artikel/KEY?lang=en&title=T.
type site struct {
	env *apptest.Env
	url string
}

func newSite(t *testing.T, opts ...string) *site {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	s := &site{url: "http://" + srv.Listener.Addr().String()}
	s.env = apptest.New(t, append([]string{"-allowed-origins", s.url}, opts...)...)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/daftar" { // a list page with comment counts
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Daftar</title></head><body><ul>
<li>Satu <span data-balasan-count="%s">…</span></li><li>Dua <span data-balasan-count="lain">…</span></li>
<li>Satu lagi <span class="again" data-balasan-count="%s">…</span></li><li>Rusak <span class="bad" data-balasan-count="a/b">…</span></li>
</ul><script src="%s/count.js" async></script></body></html>`, key, key, s.env.URL)
			return
		}
		key := strings.TrimPrefix(r.URL.Path, "/artikel/")
		var attrs string
		if l := r.URL.Query().Get("lang"); l != "" {
			attrs = ` data-lang="` + html.EscapeString(l) + `"`
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// The inline script notes the page's globals, to prove the widget adds none.
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Judul Uji %s</title>
<script>window.blsBefore = Object.getOwnPropertyNames(window);</script></head>
<body><h1>Artikel uji</h1><p>Isi artikel.</p>
<div id="balasan" data-article="%s"%s></div>
<script src="%s/embed.js" async></script></body></html>`, html.EscapeString(key), html.EscapeString(key), attrs, s.env.URL)
	})
	srv.Start()
	t.Cleanup(srv.Close)
	return s
}

// waitFor waits for a JavaScript condition, showing the page if it never holds.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if err := chromedp.Do(ctx, apptest.Until(expr)); err != nil {
		dctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		html, _ := chromedp.Run(dctx, chromedp.Evaluate[string]("document.documentElement.outerHTML"))
		t.Fatalf("waiting for %s (%s): %v\n%.3000s", what, expr, err, html)
	}
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	return apptest.Eval[string](t, ctx, fmt.Sprintf(`(document.querySelector(%q) || {textContent: "<none>"}).textContent.trim()`, css))
}

func fill(t *testing.T, ctx context.Context, fields map[string]string) {
	t.Helper()
	for id, v := range fields {
		apptest.Step(t, ctx, "type into "+id, chromedp.Evaluate[chromedp.Void](`document.getElementById("`+id+`").value = ""`),
			chromedp.SendKeys(chromedp.CSS("#"+id), v))
	}
}

const widgetReady = `document.querySelector("#bls-form") && document.querySelector("#balasan .bls-count").textContent`

func TestWidget_RenderSubmitPreview(t *testing.T) {
	s := newSite(t, "-min-submit-seconds", "3600")
	env := s.env
	top := seed(t, env, key, "Budi Santoso", "budi@example.test", "Pantai <b>bersih</b> itu indah.", 0, true)
	reply := seed(t, env, key, "Siti Aminah", "siti@example.test", "Setuju sekali.", top.ID, true)
	ctx := apptest.Browser(t)
	page := s.url + "/artikel/" + key

	apptest.Step(t, ctx, "open the article", chromedp.Navigate(page))
	waitFor(t, ctx, "the widget", widgetReady)

	t.Run("render", func(t *testing.T) {
		for css, want := range map[string]string{
			"#bls-comments-title":                              "Komentar (2)",
			"#bls-reply-title > span":                          "Tinggalkan Balasan",
			".comment-notes":                                   "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
			"label[for=bls-f-comment]":                         "Komentar *",
			"label[for=bls-f-author]":                          "Nama *",
			"label[for=bls-f-email]":                           "Email *",
			"label[for=bls-f-url]":                             "Situs Web",
			"#bls-form button.submit":                          "Kirim Komentar",
			fmt.Sprintf("#comment-%d .bls-content", top.ID):    "Pantai bersih itu indah.",
			fmt.Sprintf("#comment-%d .bls-author", top.ID):     "Budi Santoso",
			fmt.Sprintf("#comment-%d .bls-avatar", top.ID):     server.Initials("Budi Santoso"),
			fmt.Sprintf("#comment-%d time", top.ID):            server.FormatDate(i18n.ID, top.CreatedAt),
			fmt.Sprintf("#comment-%d .bls-reply-link", top.ID): "Balas",
		} {
			if got := text(t, ctx, css); got != want {
				t.Errorf("%s: %q, want %q", css, got, want)
			}
		}
		checks := map[string]string{
			"author link rel":       fmt.Sprintf(`document.querySelector("#comment-%d .bls-author a").rel`, top.ID),
			"author link href":      fmt.Sprintf(`document.querySelector("#comment-%d .bls-author a").getAttribute("href")`, top.ID),
			"avatar hue as server":  fmt.Sprintf(`document.querySelector("#comment-%d .bls-avatar").className`, top.ID),
			"reply nested, depth 2": fmt.Sprintf(`document.querySelector("#comment-%d > ol.bls-children > #comment-%d").className`, top.ID, reply.ID),
			"bold kept as HTML":     fmt.Sprintf(`document.querySelector("#comment-%d .bls-content b").textContent`, top.ID),
			"stylesheet once":       fmt.Sprintf(`String([...document.querySelectorAll("link[rel=stylesheet]")].filter(l => l.href == %q).length)`, env.URL+web.AssetPath("balasan.css")),
			"no new globals":        `Object.getOwnPropertyNames(window).filter(k => !blsBefore.includes(k) && k != "blsBefore").join(",")`,
			"email described":       `document.querySelector("#bls-f-email").getAttribute("aria-describedby")`,
			"status is live":        `document.querySelector(".bls-status").getAttribute("aria-live")`,
			"honeypot out of reach": `document.querySelector("#bls-f-hp").tabIndex + "/" + document.querySelector(".bls-hp").getAttribute("aria-hidden")`,
		}
		want := map[string]string{
			"author link rel":       "external nofollow ugc noopener",
			"author link href":      "https://budi.example/",
			"avatar hue as server":  fmt.Sprintf("bls-avatar bls-hue-%d", (&api.Node{C: top}).Hue()),
			"reply nested, depth 2": "bls-comment bls-depth-2",
			"bold kept as HTML":     "bersih",
			"stylesheet once":       "1",
			"no new globals":        "",
			"email described":       "bls-email-notes bls-f-email-error",
			"status is live":        "polite",
			"honeypot out of reach": "-1/true",
		}
		for name, expr := range checks {
			if got := apptest.Eval[string](t, ctx, expr); got != want[name] {
				t.Errorf("%s: %q, want %q", name, got, want[name])
			}
		}
	})

	t.Run("inline errors keep the text", func(t *testing.T) {
		typed := "Baris satu <i>miring</i> & \"kutip\"\nBaris dua — ëñ"
		fill(t, ctx, map[string]string{"bls-f-comment": typed, "bls-f-author": "Dédé Rahma", "bls-f-email": "bukan-email", "bls-f-url": "dede.example"})
		apptest.Step(t, ctx, "submit", chromedp.Click(chromedp.CSS("#bls-form button.submit")))
		waitFor(t, ctx, "the email error", `document.querySelector("#bls-f-email-error").textContent`)
		if got := text(t, ctx, "#bls-f-email-error"); got != "Masukkan alamat email yang sah." {
			t.Errorf("email error %q", got)
		}
		for expr, want := range map[string]string{
			`document.querySelector("#bls-f-comment").value`:                          typed,
			`document.querySelector("#bls-f-author").value`:                           "Dédé Rahma",
			`document.querySelector("#bls-f-email").value`:                            "bukan-email",
			`document.querySelector("#bls-f-url").value`:                              "dede.example",
			`document.querySelector("#bls-f-email").getAttribute("aria-invalid")`:     "true",
			`document.querySelector("#bls-f-email").getAttribute("aria-describedby")`: "bls-email-notes bls-f-email-error",
			`document.activeElement.id`:                                               "bls-f-email",
			`document.querySelector(".bls-error-summary").getAttribute("role")`:       "alert",
			`document.querySelector(".bls-error-summary").textContent`:                i18n.ID.T("form_errors"),
		} {
			if got := apptest.Eval[string](t, ctx, expr); got != want {
				t.Errorf("%s: %q, want %q", expr, got, want)
			}
		}
	})

	var pendingID string
	t.Run("submit shows the pending comment", func(t *testing.T) {
		fill(t, ctx, map[string]string{"bls-f-email": "dede@example.test"})
		apptest.Step(t, ctx, "submit", chromedp.Click(chromedp.CSS("#bls-form button.submit")))
		waitFor(t, ctx, "the pending comment", `document.querySelector(".bls-pending")`)
		if got := text(t, ctx, ".bls-status"); got != "Terima kasih! Komentar Anda menunggu moderasi." {
			t.Errorf("status %q", got)
		}
		if got := text(t, ctx, ".bls-pending .bls-awaiting"); got != "Komentar Anda sedang menunggu moderasi." {
			t.Errorf("awaiting %q", got)
		}
		if got := text(t, ctx, ".bls-pending .bls-content"); !strings.Contains(got, "Baris satu miring") {
			t.Errorf("pending content %q", got)
		}
		for expr, want := range map[string]string{
			`[...document.querySelectorAll(".bls-field-error, [aria-invalid]")].filter(e => e.textContent || e.ariaInvalid).length + "/" + document.querySelector(".bls-error-summary").textContent`: "0/",
			`document.querySelector("#bls-f-comment").value`:                 "",
			`document.querySelector("#bls-f-author").value`:                  "Dédé Rahma",
			`String(!!document.querySelector(".bls-pending .bls-author a"))`: "false",
		} {
			if got := apptest.Eval[string](t, ctx, expr); got != want {
				t.Errorf("%s: %q, want %q", expr, got, want)
			}
		}
		pendingID = strings.TrimPrefix(apptest.Eval[string](t, ctx, `document.querySelector(".bls-pending").id`), "comment-")
		var id int64
		fmt.Sscan(pendingID, &id)
		// The widget sent a fresh form stamp: with -min-submit-seconds 3600 it is held as too fast.
		if c, err := env.App.Store.Comment(context.Background(), id); err != nil || !strings.HasPrefix(c.Reason, "too_fast") {
			t.Errorf("stored comment reason %q (%v), want too_fast from the widget's stamp", c.Reason, err)
		}
		a, err := env.App.Store.Article(context.Background(), key)
		if err != nil || a.URL != page || a.Title != "Judul Uji "+key {
			t.Errorf("article registered as %+v (%v), want URL %s and the page title", a, err, page)
		}
	})

	t.Run("pending preview survives a reload", func(t *testing.T) {
		apptest.Step(t, ctx, "reload", chromedp.Reload())
		waitFor(t, ctx, "the widget", widgetReady)
		waitFor(t, ctx, "the pending comment", `document.querySelector("#comment-`+pendingID+`.bls-pending")`)
		if got := text(t, ctx, "#bls-comments-title"); got != "Komentar (2)" {
			t.Errorf("title %q: a pending comment must not count", got)
		}
		// Another browser (no localStorage entry) does not see it.
		other := apptest.Tab(t, ctx, chromedp.WithNewBrowserContext())
		apptest.Step(t, other, "open in another browser profile", chromedp.Navigate(page))
		waitFor(t, other, "the widget", widgetReady)
		if n := apptest.Eval[int](t, other, `document.querySelectorAll(".bls-pending").length`); n != 0 {
			t.Errorf("a reader without the hash sees %d pending comments", n)
		}
		// Once approved it is an ordinary comment and the stored hash is dropped.
		var id int64
		fmt.Sscan(pendingID, &id)
		env.Approve(id)
		apptest.Step(t, ctx, "reload", chromedp.Reload())
		waitFor(t, ctx, "three comments", `document.querySelector("#bls-comments-title").textContent == "Komentar (3)"`)
		if got := apptest.Eval[string](t, ctx, `document.querySelector("#comment-`+pendingID+`").className + "|" + localStorage.getItem("balasan:pending:`+key+`")`); got != "bls-comment bls-depth-1|null" {
			t.Errorf("after approval: %q", got)
		}
	})

	t.Run("reply to a comment", func(t *testing.T) {
		link := fmt.Sprintf("#comment-%d .bls-reply-link", reply.ID)
		apptest.Step(t, ctx, "click reply", chromedp.Click(chromedp.CSS(link)))
		for expr, want := range map[string]string{
			`document.querySelector("#bls-respond").parentElement.id`: fmt.Sprintf("comment-%d", reply.ID),
			`document.querySelector("#bls-reply-title").textContent`:  "Tinggalkan Balasan untuk Siti Aminah Batalkan balasan",
			`String(document.querySelector("#bls-cancel").hidden)`:    "false",
			`document.activeElement.id`:                               "bls-f-comment",
		} {
			if got := apptest.Eval[string](t, ctx, expr); got != want {
				t.Errorf("%s: %q, want %q", expr, got, want)
			}
		}
		// Cancel puts the form back and focus on the link; reply again, by keyboard.
		apptest.Step(t, ctx, "cancel", chromedp.Click(chromedp.CSS("#bls-cancel")))
		if got := apptest.Eval[string](t, ctx, `document.querySelector("#bls-respond").previousElementSibling.className + "|" + document.activeElement.className`); got != "bls-comments|bls-reply-link" {
			t.Errorf("after cancel: %q", got)
		}
		apptest.Step(t, ctx, "reply by keyboard", chromedp.KeyEvent("\r"))
		fill(t, ctx, map[string]string{"bls-f-comment": "Balasan untuk Siti.", "bls-f-author": "Dédé Rahma", "bls-f-email": "dede@example.test"})
		apptest.Step(t, ctx, "submit", chromedp.Click(chromedp.CSS("#bls-form button.submit")))
		waitFor(t, ctx, "the pending reply", fmt.Sprintf(`document.querySelector("#comment-%d > ol.bls-children > .bls-pending.bls-depth-3")`, reply.ID))
		var id int64
		fmt.Sscan(strings.TrimPrefix(apptest.Eval[string](t, ctx, `document.querySelector(".bls-pending").id`), "comment-"), &id)
		c, err := env.App.Store.Comment(context.Background(), id)
		if err != nil || c.ParentID != reply.ID {
			t.Errorf("stored reply: parent %d (%v), want %d", c.ParentID, err, reply.ID)
		}
		if got := apptest.Eval[string](t, ctx, `document.querySelector("#bls-respond").previousElementSibling.className`); got != "bls-comments" {
			t.Errorf("after sending, the form is under %q, want back home", got)
		}
	})
}

func TestWidget_English(t *testing.T) {
	s := newSite(t)
	top := seed(t, s.env, key, "Budi Santoso", "budi@example.test", "Hello", 0, true)
	ctx := apptest.Browser(t)
	apptest.Step(t, ctx, "open", chromedp.Navigate(s.url+"/artikel/"+key+"?lang=en"))
	waitFor(t, ctx, "the widget", widgetReady)
	for css, want := range map[string]string{
		"#bls-comments-title":                              "Comments (1)",
		"#bls-reply-title > span":                          "Leave a Reply",
		".comment-notes":                                   "Your email address will not be published. Required fields are marked *",
		"label[for=bls-f-comment]":                         "Comment *",
		"label[for=bls-f-author]":                          "Name *",
		"label[for=bls-f-email]":                           "Email *",
		"label[for=bls-f-url]":                             "Website",
		"#bls-form button.submit":                          "Post Comment",
		fmt.Sprintf("#comment-%d .bls-reply-link", top.ID): "Reply",
		fmt.Sprintf("#comment-%d time", top.ID):            server.FormatDate(i18n.EN, top.CreatedAt),
	} {
		if got := text(t, ctx, css); got != want {
			t.Errorf("%s: %q, want %q", css, got, want)
		}
	}
	fill(t, ctx, map[string]string{"bls-f-comment": "Nice", "bls-f-author": "Ann", "bls-f-email": "ann@"})
	apptest.Step(t, ctx, "submit", chromedp.Click(chromedp.CSS("#bls-form button.submit")))
	waitFor(t, ctx, "the email error", `document.querySelector("#bls-f-email-error").textContent`)
	if got := text(t, ctx, "#bls-f-email-error"); got != "Please enter a valid email address." {
		t.Errorf("email error %q", got)
	}
}

// TestWidget_ReplacesDemoFallback: on the demo page the widget takes the
// place of the server-rendered comments and form, carrying typed text over.
func TestWidget_ReplacesDemoFallback(t *testing.T) {
	env := apptest.New(t)
	ctx := apptest.Browser(t)
	apptest.Step(t, ctx, "open the demo", chromedp.Navigate(env.URL+"/"))
	waitFor(t, ctx, "the widget", widgetReady)
	for expr, want := range map[string]string{
		`String(document.querySelectorAll("#commentform, #comments, #respond").length)`: "0",
		`String(document.querySelectorAll(".bls-comments").length)`:                     "1",
		`String(document.querySelectorAll("form").length)`:                              "1",
		`String(document.querySelectorAll("link[href*='/static/balasan.']").length)`:    "1",
		`document.querySelector("#balasan").className`:                                  "balasan",
	} {
		if got := apptest.Eval[string](t, ctx, expr); got != want {
			t.Errorf("%s: %q, want %q", expr, got, want)
		}
	}
}

// TestWidget_NoJavaScript: with scripts off the demo page and the embed
// page still show the form, and posting it shows the pending preview.
func TestWidget_NoJavaScript(t *testing.T) {
	env := apptest.New(t)
	top := seed(t, env, key, "Budi Santoso", "budi@example.test", "Komentar pertama", 0, true)
	ctx := apptest.Browser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	apptest.Step(t, ctx, "open the reply link of the embed page",
		chromedp.Navigate(fmt.Sprintf("%s/embed/%s", env.URL, key)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf("#comment-%d .bls-reply-link", top.ID))),
		chromedp.WaitReady(chromedp.CSS("#cancel-comment-reply-link:not([hidden])")),
		chromedp.SendKeys(chromedp.CSS("#comment"), "Tanpa JavaScript pun bisa."),
		chromedp.SendKeys(chromedp.CSS("#author"), "Wati"),
		chromedp.SendKeys(chromedp.CSS("#email"), "wati@example.test"),
		chromedp.Click(chromedp.CSS("#submit")),
		chromedp.WaitReady(chromedp.CSS(".bls-pending")),
	)
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "/embed/"+key+"?") || !strings.Contains(loc, "moderation-hash=") {
		t.Errorf("after posting: %s", loc)
	}
	page, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	for _, want := range []string{"Komentar Anda sedang menunggu moderasi.", "Tanpa JavaScript pun bisa.", fmt.Sprintf(`id="comment-%d"`, top.ID)} {
		if !strings.Contains(page, want) {
			t.Errorf("preview page lacks %q\n%s\n%.4000s", want, loc, page)
		}
	}
	if !strings.Contains(page, "bls-children") {
		t.Error("the reply is not nested under its parent")
	}
	// The demo page without scripts keeps its server-rendered form.
	apptest.Step(t, ctx, "open the demo", chromedp.Navigate(env.URL+"/"), chromedp.WaitReady(chromedp.CSS("#commentform")))
	// A rejected no-JS post gives the form back with the text.
	apptest.Step(t, ctx, "post without email",
		chromedp.SendKeys(chromedp.CSS("#comment"), "Teks yang tidak boleh hilang"),
		chromedp.SendKeys(chromedp.CSS("#author"), "Wati"),
		chromedp.Click(chromedp.CSS("#submit")),
		chromedp.WaitReady(chromedp.CSS("#email-error")),
	)
	got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#comment")))
	if got != "Teks yang tidak boleh hilang" {
		t.Errorf("text after a rejected post: %q", got)
	}
}

// TestCountJS: count.js fills every count on a list page with one request.
func TestCountJS(t *testing.T) {
	s := newSite(t)
	top := seed(t, s.env, key, "Budi Santoso", "budi@example.test", "Satu", 0, true)
	seed(t, s.env, key, "Siti Aminah", "siti@example.test", "Dua", top.ID, true)
	seed(t, s.env, key, "Ani", "ani@example.test", "Menunggu", 0, false)
	ctx := apptest.Browser(t)
	apptest.Step(t, ctx, "open the list", chromedp.Navigate(s.url+"/daftar"))
	waitFor(t, ctx, "the counts", `document.querySelector("[data-balasan-count=lain]").textContent == "0"`)
	got := apptest.Eval[string](t, ctx, `[...document.querySelectorAll("[data-balasan-count]")].map(e => e.textContent).join(",") + "|" +
		performance.getEntriesByType("resource").filter(e => e.name.includes("/api/counts")).length`)
	if got != "2,0,2,…|1" {
		t.Errorf("counts and requests: %q, want \"2,0,2,…|1\"", got)
	}
}

// framePage frames the embed page and records the heights it reports.
func framePage(base string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Bingkai</title>
<script>window.heights = []; addEventListener("message", e => { if (e.data && e.data.balasan == "height") heights.push(e.data.height); });</script>
</head><body><iframe src="%s/embed/%s" title="Komentar" width="600" height="300" onload="window.frameLoaded = true"></iframe></body></html>`, base, key)
	}
}

// childFrame is what the browser loaded into the page's iframe: its URL,
// or chrome's error page when the frame was refused.
func childFrame(t *testing.T, ctx context.Context) *cdp.Frame {
	t.Helper()
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil || tree.FrameTree == nil || len(tree.FrameTree.ChildFrames) != 1 {
		t.Fatalf("frame tree: %+v %v", tree, err)
	}
	return tree.FrameTree.ChildFrames[0].Frame
}

// TestEmbedFrame: an allowed site can frame the embed page, which reports
// its height; any other site gets a blocked frame (frame-ancestors).
func TestEmbedFrame(t *testing.T) {
	allowed := httptest.NewUnstartedServer(nil)
	env := apptest.New(t, "-allowed-origins", "http://"+allowed.Listener.Addr().String())
	seed(t, env, key, "Budi Santoso", "budi@example.test", "Komentar dalam bingkai", 0, true)
	allowed.Config.Handler = framePage(env.URL)
	allowed.Start()
	defer allowed.Close()
	other := httptest.NewServer(framePage(env.URL))
	defer other.Close()
	embed := env.URL + "/embed/" + key

	ctx := apptest.Browser(t)
	apptest.Step(t, ctx, "open the allowed site", chromedp.Navigate(allowed.URL))
	waitFor(t, ctx, "a height from the frame", `heights.length && heights[heights.length-1] > 200`)
	if f := childFrame(t, ctx); f.URL != embed || f.UnreachableURL != "" {
		t.Errorf("allowed site's frame: URL %q unreachable %q, want %s", f.URL, f.UnreachableURL, embed)
	}

	apptest.Step(t, ctx, "open another site", chromedp.Navigate(other.URL))
	waitFor(t, ctx, "the frame to settle", `window.frameLoaded`)
	if f := childFrame(t, ctx); f.URL == embed {
		t.Errorf("a site outside BALASAN_ALLOWED_ORIGINS framed the embed page: %+v", f)
	}
	if n := apptest.Eval[int](t, ctx, `heights.length`); n != 0 {
		t.Errorf("the refused frame sent %d height messages", n)
	}
}
