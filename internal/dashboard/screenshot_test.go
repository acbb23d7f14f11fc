package dashboard_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"balasan/internal/comment"
)

// TestBrowser_Screenshots saves pictures of the queue for the README:
//
//	BALASAN_SCREENSHOTS=1 go test ./internal/dashboard -run Screenshots
//
// It writes docs/dashboard-queue.png (desktop) and
// docs/dashboard-queue-phone.png (390 px wide).
func TestBrowser_Screenshots(t *testing.T) {
	if os.Getenv("BALASAN_SCREENSHOTS") == "" {
		t.Skip("set BALASAN_SCREENSHOTS=1 to write docs/dashboard-queue*.png")
	}
	ctx := newBrowser(t)
	d := newDash(t, "-max-links", "1")
	store := d.App.Store
	for key, u := range map[string]string{
		"pantai-sukamaju":      "https://kabarpesisir.example/2024/06/warga-bersihkan-pantai",
		"harga-ikan-naik":      "https://kabarpesisir.example/2024/06/harga-ikan-naik",
		"jalan-desa-berlubang": "https://kabarpesisir.example/2024/06/jalan-desa",
	} {
		if _, err := store.EnsureArticle(context.Background(), comment.Article{Key: key, URL: u, CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.App.Service.SaveSettings(context.Background(), map[string]string{comment.SettingModerationKeys: "judi"},
		comment.Moderator{Username: adminName}); err != nil {
		t.Fatal(err)
	}
	as := func(author, email, site string) func(url.Values) {
		return func(v url.Values) { v.Set("author", author); v.Set("email", email); v.Set("url", site) }
	}
	parent := d.submit("pantai-sukamaju", "Salut untuk warga Sukamaju! Semoga pantainya tetap bersih sampai musim liburan.",
		as("Budi Santoso", "budi@example.test", ""))
	d.Approve(parent)
	d.submit("pantai-sukamaju", "Setuju, Pak Budi. Kemarin anak-anak sekolah juga ikut memungut sampah plastik.",
		as("Siti Aminah", "siti.aminah@example.test", "https://siti.example"),
		func(v url.Values) { v.Set("comment_parent", strconv.FormatInt(parent, 10)) })
	d.submit("harga-ikan-naik", "Di pasar Muara harga tongkol sudah Rp45.000 per kilo. Nelayan bilang karena cuaca buruk.",
		as("Rahmat Hidayat", "rahmat@example.test", ""))
	d.submit("harga-ikan-naik", "Cek promo di https://promo.example dan https://diskon.example sekarang juga!",
		as("Promo Hemat", "promo@example.test", "https://promo.example"))
	d.submit("jalan-desa-berlubang", "Sudah tiga bulan jalan ini rusak, tolong redaksi tanyakan ke dinas PU kapan diperbaiki.",
		as("Dewi Lestari", "dewi.l@example.test", ""))
	d.submit("jalan-desa-berlubang", "Daripada menunggu, mending main judi online saja.",
		as("Anon", "anon@example.test", ""))

	dir := filepath.Join("..", "..", "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	browserLogin(t, ctx, d.Env, adminName, adminPass)
	for _, shot := range []struct {
		file          string
		width, height int64
		full          bool // the whole page, else the first screen
		opts          []chromedp.EmulateViewportOption
	}{
		{"dashboard-queue.png", 1280, 900, true, nil},
		{"dashboard-queue-phone.png", 390, 844, false, []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateScale(2)}},
	} {
		tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		png, err := chromedp.Run(tctx, chromedp.Action[[]byte](func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
			if err := chromedp.Do(ctx,
				chromedp.EmulateViewport(shot.width, shot.height, shot.opts...),
				chromedp.Navigate(d.URL+"/admin/comments"),
				chromedp.WaitVisible(chromedp.CSS(".adm-row")),
			); err != nil {
				return nil, err
			}
			if shot.full { // the selected row, shown where it does not scroll the first screen away
				if err := chromedp.Do(ctx, chromedp.KeyEvent("j")); err != nil {
					return nil, err
				}
			}
			if shot.full {
				return chromedp.Run(ctx, chromedp.FullScreenshot(100))
			}
			return chromedp.Run(ctx, chromedp.CaptureScreenshot())
		}))
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, shot.file), png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", shot.file, len(png))
	}
}
