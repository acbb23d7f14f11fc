package dashboard_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"balasan/internal/comment"
)

// In Chromium: the articles page is searched, a title corrected and
// comments closed through its plain forms, and the queue then names the
// article by its new title.
func TestBrowser_ArticlesPage(t *testing.T) {
	ctx := newBrowser(t)
	d := newDash(t)
	d.submit("banjir-rob", "Air laut naik lagi.")
	d.submit("harga-ikan", "Mahal sekali.")
	for key, title := range map[string]string{"banjir-rob": "Banjr Rob Pesisir", "harga-ikan": "Harga Ikan Naik"} {
		if _, err := d.App.Store.EnsureArticle(context.Background(), comment.Article{Key: key, Title: title,
			URL: d.App.Config.BaseURL + "/" + key, CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	browserLogin(t, ctx, d.Env, adminName, adminPass)
	run(t, ctx, "search",
		chromedp.Navigate(d.URL+"/admin/articles"),
		chromedp.WaitVisible(chromedp.CSS("#a-q")),
		chromedp.SendKeys(chromedp.CSS("#a-q"), "banj"),
		chromedp.Submit(chromedp.CSS("#a-q")),
		chromedp.WaitVisible(chromedp.CSS("#a-banjir-rob")),
	)
	if n := eval[int](t, ctx, `document.querySelectorAll(".adm-article").length`); n != 1 {
		t.Fatalf("%d articles after the search, want 1", n)
	}
	run(t, ctx, "correct the title",
		chromedp.Click(chromedp.CSS("#a-banjir-rob summary")),
		chromedp.WaitVisible(chromedp.CSS("#t-banjir-rob")),
		chromedp.SetValue(chromedp.CSS("#t-banjir-rob"), "Banjir Rob di Pesisir"),
		chromedp.Submit(chromedp.CSS("#t-banjir-rob")),
		chromedp.WaitVisible(chromedp.CSS("#a-banjir-rob .adm-verified")),
	)
	if got := eval[string](t, ctx, `document.querySelector("#a-banjir-rob .adm-article-title a").textContent`); got != "Banjir Rob di Pesisir" {
		t.Errorf("title %q", got)
	}
	run(t, ctx, "close comments",
		chromedp.Click(chromedp.CSS(`#a-banjir-rob form[action$="/close"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#a-banjir-rob form[action$="/open"]`)),
	)
	if a, _ := d.App.Store.Article(context.Background(), "banjir-rob"); a.State != comment.StateClosed {
		t.Errorf("state %s", a.State)
	}
	run(t, ctx, "queue", chromedp.Navigate(d.URL+"/admin/comments"), chromedp.WaitVisible(chromedp.CSS(".adm-row")))
	if titles := eval[string](t, ctx, `[...document.querySelectorAll(".adm-article-link")].map(a => a.textContent).join("|")`); !strings.Contains(titles, "Banjir Rob di Pesisir") {
		t.Errorf("queue titles %q", titles)
	}
}
