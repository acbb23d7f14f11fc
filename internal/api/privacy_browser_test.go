package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"balasan/internal/app"
	"balasan/internal/apptest"
	"balasan/internal/comment"
)

// secrets are what no public page may ever show: commenters' emails (and
// their local parts), the IP and the user agent stored with each comment.
var secrets = []string{"rahasia.", "@example.test", "192.0.2.7", "SeedAgent"}

func assertNoSecrets(t *testing.T, where, doc string) {
	t.Helper()
	for _, s := range secrets {
		if i := strings.Index(doc, s); i >= 0 {
			t.Errorf("%s shows %q: …%s…", where, s, doc[max(0, i-80):min(len(doc), i+80)])
		}
	}
}

// TestPrivacy_NoEmailInAnyPublicState renders every public page and every
// widget state in a browser, with and without JavaScript, and reads the
// whole DOM; the JSON answers are read as sent.
func TestPrivacy_NoEmailInAnyPublicState(t *testing.T) {
	s := newSite(t)
	env := s.env
	top := seed(t, env, key, "Budi Santoso", "rahasia.budi@example.test", "Halo semua", 0, true)
	seed(t, env, key, "Siti Aminah", "rahasia.siti@example.test", "Balasan Siti", top.ID, true)
	pend := seed(t, env, key, "Ani Menunggu", "rahasia.ani@example.test", "Masih menunggu", 0, false)
	seed(t, env, app.DemoKey, "Budi Santoso", "rahasia.budi@example.test", "Di demo", 0, true)
	seed(t, env, "tutup", "Dewi", "rahasia.dewi@example.test", "Sebelum tutup", 0, true)
	if err := env.App.Service.SetArticleState(context.Background(), "tutup", comment.StateClosed, comment.Moderator{Username: "t"}); err != nil {
		t.Fatal(err)
	}
	preview := fmt.Sprintf("unapproved=%d&moderation-hash=%s", pend.ID, pend.Hash)

	t.Run("json", func(t *testing.T) {
		for _, p := range []string{"/api/articles/" + key + "/comments", "/api/articles/" + key + "/comments?" + preview,
			"/api/counts?article=" + key, "/api/form-stamp", "/api/articles/tutup/comments"} {
			r := get(t, env, p, nil)
			if r.StatusCode != http.StatusOK {
				t.Errorf("%s: status %d", p, r.StatusCode)
			}
			assertNoSecrets(t, p, r.Body)
		}
	})

	browser := apptest.Browser(t)
	dom := func(ctx context.Context) string {
		return apptest.Eval[string](t, ctx, "document.documentElement.outerHTML")
	}
	pages := []string{"/", "/?lang=en", "/?replytocom=1", "/?" + preview,
		"/embed/" + key, "/embed/" + key + "?lang=en", "/embed/" + key + "?fragment=1", "/embed/" + key + "?replytocom=1",
		"/embed/" + key + "?" + preview, "/embed/tutup", "/embed/tidak-ada", "/tidak-ada"}

	t.Run("pages without javascript", func(t *testing.T) {
		ctx := apptest.Tab(t, browser)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			apptest.Step(t, ctx, "open "+p, chromedp.Navigate(env.URL+p))
			html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
			if err != nil {
				t.Fatal(err)
			}
			assertNoSecrets(t, p+" (no JS)", html)
		}
	})

	t.Run("pages and widget states", func(t *testing.T) {
		ctx := apptest.Tab(t, browser)
		for _, p := range pages {
			apptest.Step(t, ctx, "open "+p, chromedp.Navigate(env.URL+p))
			assertNoSecrets(t, p, dom(ctx))
		}
		article := s.url + "/artikel/" + key
		states := []struct {
			name string
			do   func()
		}{
			{"widget", func() {
				apptest.Step(t, ctx, "open", chromedp.Navigate(article))
				waitFor(t, ctx, "widget", widgetReady)
			}},
			{"widget english", func() {
				apptest.Step(t, ctx, "open", chromedp.Navigate(article+"?lang=en"))
				waitFor(t, ctx, "widget", widgetReady)
			}},
			{"widget closed", func() {
				apptest.Step(t, ctx, "open", chromedp.Navigate(s.url+"/artikel/tutup"))
				waitFor(t, ctx, "widget", `document.querySelector(".bls-closed")`)
			}},
			{"widget with the pending preview from the URL", func() {
				apptest.Step(t, ctx, "open", chromedp.Navigate(article+"?"+preview))
				waitFor(t, ctx, "preview", `document.querySelector(".bls-pending")`)
			}},
			{"widget reply mode", func() {
				apptest.Step(t, ctx, "reply", chromedp.Click(chromedp.CSS(fmt.Sprintf("#comment-%d .bls-reply-link", top.ID))))
			}},
			{"widget inline errors", func() {
				fill(t, ctx, map[string]string{"bls-f-comment": "Isi", "bls-f-author": "Eko", "bls-f-email": "rahasia.eko@"})
				apptest.Step(t, ctx, "submit", chromedp.Click(chromedp.CSS("#bls-form button.submit")))
				waitFor(t, ctx, "error", `document.querySelector("#bls-f-email-error").textContent`)
			}},
			{"widget after sending", func() {
				fill(t, ctx, map[string]string{"bls-f-email": "rahasia.eko@example.test"})
				apptest.Step(t, ctx, "submit", chromedp.Click(chromedp.CSS("#bls-form button.submit")))
				waitFor(t, ctx, "sent", `document.querySelector(".bls-status").textContent.startsWith("Terima kasih")`)
			}},
			{"widget after a reload", func() {
				apptest.Step(t, ctx, "reload", chromedp.Reload())
				waitFor(t, ctx, "preview", `document.querySelectorAll(".bls-pending").length`)
			}},
		}
		for _, st := range states {
			st.do()
			assertNoSecrets(t, st.name, dom(ctx))
		}
	})
}
