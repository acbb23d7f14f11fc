package dashboard_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"balasan/internal/apptest"
)

// phone is a 390 px wide phone in portrait (an iPhone 12 to 15).
func phone() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateScale(2))
}

// visit opens a dashboard page and waits for it.
func visit(t *testing.T, ctx context.Context, base, path, ready string) {
	t.Helper()
	run(t, ctx, "open "+path, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(ready)))
}

// loginPage is the login page, seen by a browser without a session.
func loginPage(t *testing.T, browser context.Context, base string) context.Context {
	t.Helper()
	tab := apptest.Tab(t, browser, chromedp.WithNewBrowserContext())
	return tab
}

// TestBrowser_PhoneWidth: every dashboard page, in both languages, fits a
// 390 px wide phone without sideways scrolling.
func TestBrowser_PhoneWidth(t *testing.T) {
	ctx := newBrowser(t)
	d := seedNewsroom(t)
	browserLogin(t, ctx, d.Env, adminName, adminPass)
	run(t, ctx, "phone", phone())
	for _, lang := range []string{"id", "en"} {
		d.PostForm(d.c, "/admin/account/lang", url.Values{"_csrf": {d.csrf}, "lang": {lang}}) // the admin's language, for every session
		for _, p := range dashboardPages {
			visit(t, ctx, d.URL, p.path, p.ready)
			if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
				wide := eval[string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join("; ")`)
				t.Errorf("%s %s: %d px wide at 390: %s", lang, p.path, w, wide)
			}
		}
	}
	tab := loginPage(t, ctx, d.URL)
	run(t, tab, "phone", phone())
	for _, path := range []string{"/admin/login", "/admin/login?lang=en"} {
		visit(t, tab, d.URL, path, "#username")
		if w := eval[int](t, tab, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s: %d px wide at 390", path, w)
		}
	}
}
