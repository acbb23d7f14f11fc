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

// TestBrowser_Screenshots saves pictures of the dashboard for the README:
//
//	BALASAN_SCREENSHOTS=1 go test ./internal/dashboard -run Screenshots
//
// It writes docs/dashboard-NAME.png (desktop, 1280 px wide) and
// docs/dashboard-NAME-phone.png (390 px wide) for each page of
// dashboardPages marked shot.
func TestBrowser_Screenshots(t *testing.T) {
	if os.Getenv("BALASAN_SCREENSHOTS") == "" {
		t.Skip("set BALASAN_SCREENSHOTS=1 to write docs/dashboard-*.png")
	}
	ctx := newBrowser(t)
	d := seedNewsroom(t)
	dir := filepath.Join("..", "..", "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	browserLogin(t, ctx, d.Env, adminName, adminPass)
	for _, page := range dashboardPages {
		if !page.shot {
			continue
		}
		for _, shot := range []struct {
			suffix        string
			width, height int64
			full          bool // the whole page, else the first screen
			opts          []chromedp.EmulateViewportOption
		}{
			{"", 1280, 900, true, nil},
			{"-phone", 390, 844, false, []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateScale(2)}},
		} {
			tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			png, err := chromedp.Run(tctx, chromedp.Action[[]byte](func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
				if err := chromedp.Do(ctx,
					chromedp.EmulateViewport(shot.width, shot.height, shot.opts...),
					chromedp.Navigate(d.URL+page.path),
					chromedp.WaitVisible(chromedp.CSS(page.ready)),
				); err != nil {
					return nil, err
				}
				if page.name == "queue" && shot.full { // the second row selected, as a moderator at work sees it
					if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(".adm-row input[name=id]")), chromedp.KeyEvent("j")); err != nil {
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
				t.Fatalf("%s%s: %v", page.name, shot.suffix, err)
			}
			file := "dashboard-" + page.name + shot.suffix + ".png"
			if err := os.WriteFile(filepath.Join(dir, file), png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d bytes)", file, len(png))
		}
	}
}

// seedNewsroom starts the app with a small newsroom's day: articles with
// titles and URLs, comments waiting (one held by a word, one by its
// links), approved, spam and trash, a reply thread, and audit entries.
func seedNewsroom(t *testing.T) *dash {
	t.Helper()
	d := newDash(t, "-max-links", "1", "-spam-starter", "off")
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
		as("Siti Aminah", "siti.aminah.yang.alamatnya.panjang.sekali@example.test", "https://siti.example/blog/catatan-harian-tentang-pantai"),
		func(v url.Values) { v.Set("comment_parent", strconv.FormatInt(parent, 10)) })
	d.submit("harga-ikan-naik", "Di pasar Muara harga tongkol sudah Rp45.000 per kilo. Nelayan bilang karena cuaca buruk.",
		as("Rahmat Hidayat", "rahmat@example.test", ""))
	d.submit("harga-ikan-naik", "Cek promo di https://promo.example dan https://diskon.example sekarang juga!",
		as("Promo Hemat", "promo@example.test", "https://promo.example"))
	d.submit("jalan-desa-berlubang", "Sudah tiga bulan jalan ini rusak, tolong redaksi tanyakan ke dinas PU kapan diperbaiki.",
		as("Dewi Lestari", "dewi.l@example.test", ""))
	d.submit("jalan-desa-berlubang", "Daripada menunggu, mending main judi online saja.",
		as("Anon", "anon@example.test", ""))
	spam := d.submit("harga-ikan-naik", "Pinjaman cepat tanpa agunan, hubungi WA sekarang.", as("Dana Kilat", "dana@example.test", ""))
	trash := d.submit("pantai-sukamaju", "tes", as("Uji", "uji@example.test", ""))
	approved := d.submit("jalan-desa-berlubang", "Terima kasih redaksi sudah mengangkat berita ini.", as("Agus", "agus@example.test", ""))
	for id, action := range map[int64]string{spam: "spam", trash: "trash", approved: "approve"} {
		if r := d.post(d.c, "/admin/comments/"+strconv.FormatInt(id, 10)+"/"+action, nil, d.csrf, true); r.StatusCode != 200 {
			t.Fatalf("%s: %d", action, r.StatusCode)
		}
	}
	d.AddModerator(modName, modPass, comment.RoleModerator)
	return d
}

// dashboardPages lists every dashboard page that the look tests (phone
// width, axe-core, focus ring) visit and the screenshot test pictures.
// ready is an element that shows the page is there.
var dashboardPages = []struct {
	name, path, ready string
	shot              bool // pictured in docs/ for the README
}{
	{"queue", "/admin/comments", ".adm-row", true},
	{"approved", "/admin/comments?status=approved", ".adm-row", false},
	{"spam", "/admin/comments?status=spam", ".adm-row", false},
	{"trash", "/admin/comments?status=trash", ".adm-row", false},
	{"likely-spam", "/admin/comments?status=pending&likely_spam=1", "#main", false},
	{"search", "/admin/comments?q=pantai", "#main", false},
	{"article", "/admin/comments?article=pantai-sukamaju", ".adm-article-edit", false},
	{"comment", "/admin/comments/1", ".adm-row", false},
	{"articles", "/admin/articles", "#main", true},
	{"audit", "/admin/audit", ".adm-table", true},
	{"settings", "/admin/settings", "#moderation_keys", true},
	{"account", "/admin/account", "#current_password", false},
	{"moderators", "/admin/moderators", ".adm-accounts", false},
	{"privacy", "/admin/privacy", "#export-email", false},
}
