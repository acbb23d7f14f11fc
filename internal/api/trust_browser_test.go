package api_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

// TestWidget_KeepsAuthorToken: under the trusted policy the widget keeps
// the author token of its first comment and sends it with the next; once
// the first is approved, the second is published at once. Another browser
// typing the same email still waits.
func TestWidget_KeepsAuthorToken(t *testing.T) {
	s := newSite(t, "-moderation", "trusted")
	page := s.url + "/artikel/" + key
	ctx := apptest.Browser(t)
	post := func(text string) {
		t.Helper()
		fill(t, ctx, map[string]string{"bls-f-comment": text, "bls-f-author": "Dédé Rahma", "bls-f-email": "dede@example.test"})
		apptest.Step(t, ctx, "submit", chromedp.Click(chromedp.CSS("#bls-form button.submit")))
		waitFor(t, ctx, "the answer", `document.querySelector(".bls-status").textContent.startsWith("Terima kasih")`)
	}
	apptest.Step(t, ctx, "open the article", chromedp.Navigate(page))
	waitFor(t, ctx, "the widget", widgetReady)
	post("Komentar pertama Dédé.")
	if tok := apptest.Eval[string](t, ctx, `localStorage.getItem("balasan:author") || ""`); comment.ParseAuthorToken(s.env.App.Service.Config.StampKey, tok) == nil {
		t.Fatalf("the widget kept no valid author token: %q", tok)
	}
	list, err := s.env.App.Store.List(context.Background(), comment.Filter{Status: comment.Pending, Limit: 10})
	if err != nil || len(list) != 1 {
		t.Fatalf("pending: %d (%v), want the first comment", len(list), err)
	}
	s.env.Approve(list[0].ID)

	apptest.Step(t, ctx, "reload", chromedp.Navigate(page))
	waitFor(t, ctx, "the widget", widgetReady)
	post("Komentar kedua Dédé.")
	if got := text(t, ctx, ".bls-status"); got != "Terima kasih! Komentar Anda sudah tampil." {
		t.Errorf("second comment with the token: %q, want published", got)
	}

	// Without the token (another browser), the same email waits.
	apptest.Eval[chromedp.Void](t, ctx, `localStorage.removeItem("balasan:author")`)
	apptest.Step(t, ctx, "reload", chromedp.Navigate(page))
	waitFor(t, ctx, "the widget", widgetReady)
	post("Saya juga Dédé, katanya.")
	if got := text(t, ctx, ".bls-status"); got != "Terima kasih! Komentar Anda menunggu moderasi." {
		t.Errorf("another browser with the same email: %q, want pending", got)
	}
}
