package api_test

import (
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
