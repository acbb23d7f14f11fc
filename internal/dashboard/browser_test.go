package dashboard_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

const chromium = "/usr/bin/chromium"

// newBrowser starts headless Chromium for one test, or skips the test
// where it is not installed (CI installs it).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skip("chromium not installed")
	}
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU, chromedp.Flag("disable-background-networking", true),
		chromedp.ExecPath(chromium), chromedp.WindowSize(1280, 900))
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil { // starts the browser; no timeout on this first call
		t.Fatal(err)
	}
	return ctx
}

// run does the steps with a time limit, failing the test with its name.
func run(t *testing.T, ctx context.Context, name string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func browserLogin(t *testing.T, ctx context.Context, env *apptest.Env, user, pass string) {
	t.Helper()
	run(t, ctx, "log in",
		chromedp.Navigate(env.URL+"/admin/login"),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), user),
		chromedp.SendKeys(chromedp.CSS("#password"), pass),
		chromedp.Click(chromedp.CSS(".adm-login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".adm-queue")),
	)
}

func TestBrowser_ModerateInPlace(t *testing.T) {
	ctx := newBrowser(t)
	d := newDash(t)
	const key = "peramban"
	var ids []int64
	for i := range 8 {
		ids = append(ids, d.submit(key, "Komentar pembaca nomor "+strconv.Itoa(i)+"."))
	}
	sel := func(id int64) chromedp.CSS { return chromedp.CSS("#c-" + strconv.FormatInt(id, 10)) }
	gone := func(id int64) chromedp.Action[chromedp.Void] { return chromedp.WaitNotPresent(sel(id)) }
	inPublic := func(id int64) bool { _, ok := publicIDs(t, d.Env, key)[id]; return ok }

	browserLogin(t, ctx, d.Env, adminName, adminPass)
	if got := eval[string](t, ctx, `document.querySelector('.adm-count[data-count="pending"]').textContent`); got != "8" {
		t.Fatalf("pending count %q", got)
	}
	// A marker on the window shows whether a page was reloaded.
	eval[chromedp.Void](t, ctx, `window.balasanMarker = 1`)

	// Approve with a click.
	run(t, ctx, "approve by click",
		chromedp.Click(chromedp.CSS("#c-"+strconv.FormatInt(ids[0], 10)+" .adm-act-approve")),
		gone(ids[0]),
		apptest.Until(`document.querySelector('.adm-count[data-count="pending"]').textContent === "7"`),
	)
	if !inPublic(ids[0]) {
		t.Error("clicked approval not in the public API")
	}

	// Approve with the keyboard. The selection moved to the next row after
	// the click; j and k move it down and up again, a approves.
	current := func(id int64) chromedp.Action[chromedp.Void] {
		return apptest.Until(`(document.querySelector('.adm-row.adm-current') || {}).id === "c-` + strconv.FormatInt(id, 10) + `"`)
	}
	run(t, ctx, "approve by keyboard",
		current(ids[1]),
		chromedp.KeyEvent("j"), current(ids[2]),
		chromedp.KeyEvent("k"), current(ids[1]),
		chromedp.KeyEvent("a"),
		gone(ids[1]),
		apptest.Until(`document.querySelector('.adm-count[data-count="approved"]').textContent === "2"`),
	)
	if !inPublic(ids[1]) {
		t.Error("keyboard approval not in the public API")
	}

	// ? shows the shortcuts; Escape closes them.
	run(t, ctx, "help", chromedp.KeyEvent("?"), apptest.Until(`document.getElementById('keys-help').open`),
		chromedp.KeyEvent("\u001b"), apptest.Until(`!document.getElementById('keys-help').open`))

	// Reply as moderator: r opens the reply form of the selected row.
	const answer = "Terima kasih, sudah kami teruskan ke dinas."
	run(t, ctx, "reply",
		current(ids[2]),
		chromedp.KeyEvent("r"),
		apptest.Until(`document.activeElement && document.activeElement.id === "reply-`+strconv.FormatInt(ids[2], 10)+`"`),
		chromedp.SendKeys(chromedp.CSS("#reply-"+strconv.FormatInt(ids[2], 10)), answer),
		chromedp.Click(chromedp.CSS("#c-"+strconv.FormatInt(ids[2], 10)+" .adm-replyform button")),
		gone(ids[2]),
	)
	var staff *publicComment
	for _, c := range public(t, d.Env, key) {
		if c.Staff {
			staff = &c
		}
	}
	if staff == nil || staff.ParentID != ids[2] || staff.Author != adminName || !strings.Contains(staff.ContentHTML, answer) {
		t.Errorf("staff reply in the public API: %+v", staff)
	}

	// Everything so far happened in place; only an emptied page reloads.
	if !eval[bool](t, ctx, `window.balasanMarker === 1`) {
		t.Error("the page was reloaded by an action")
	}

	// Bulk-spam the rest of the page.
	run(t, ctx, "bulk spam",
		chromedp.Click(chromedp.CSS("#select-all")),
		chromedp.SetValue(chromedp.CSS("#bulk-action"), "spam"),
		chromedp.Click(chromedp.CSS("#bulk button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".adm-empty")),
	)
	pub := publicIDs(t, d.Env, key)
	for _, id := range ids[3:] {
		if _, ok := pub[id]; ok {
			t.Errorf("spammed comment %d is public", id)
		}
	}
	counts, _ := d.App.Store.StatusCounts(t.Context())
	if counts[comment.Spam] != 5 || counts[comment.Pending] != 0 {
		t.Errorf("counts after bulk spam: %v", counts)
	}

	// Log out: the dashboard sends the browser back to the login page.
	run(t, ctx, "log out",
		chromedp.Click(chromedp.CSS(".adm-logout button")),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.Navigate(d.URL+"/admin/comments"),
		chromedp.WaitVisible(chromedp.CSS("#username")),
	)
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/admin/login" {
		t.Errorf("after logout at %s", loc)
	}
}

// TestBrowser_NoReloadForActions checks that an action changes the page in
// place: the window survives, and so does the row of another comment.
func TestBrowser_NoReloadForActions(t *testing.T) {
	ctx := newBrowser(t)
	d := newDash(t)
	a := d.submit("tempat", "Pertama.")
	b := d.submit("tempat", "Kedua.")
	browserLogin(t, ctx, d.Env, adminName, adminPass)
	eval[chromedp.Void](t, ctx, `window.balasanMarker = 1`)
	run(t, ctx, "trash",
		chromedp.Click(chromedp.CSS("#c-"+strconv.FormatInt(a, 10)+" .adm-act-trash")),
		chromedp.WaitNotPresent(chromedp.CSS("#c-"+strconv.FormatInt(a, 10))),
		apptest.Until(`document.querySelector('.adm-count[data-count="trash"]').textContent === "1"`),
	)
	if !eval[bool](t, ctx, `window.balasanMarker === 1 && document.getElementById("c-`+strconv.FormatInt(b, 10)+`") !== null`) {
		t.Error("the page was reloaded for one action")
	}
	// Edit in place: the shown text is the server's sanitised HTML.
	id := strconv.FormatInt(b, 10)
	run(t, ctx, "edit",
		chromedp.Click(chromedp.CSS("#c-"+id+" .adm-edit summary")),
		chromedp.Clear(chromedp.CSS("#edit-"+id)),
		chromedp.SendKeys(chromedp.CSS("#edit-"+id), "Sudah <b>disunting</b><script>alert(1)</script>"),
		chromedp.Click(chromedp.CSS("#c-"+id+" .adm-editform button")),
		apptest.Until(`document.querySelector("#c-`+id+` .adm-content").innerHTML.includes("<b>disunting</b>")`),
	)
	if html := eval[string](t, ctx, `document.querySelector("#c-`+id+` .adm-content").innerHTML`); strings.Contains(html, "<script") {
		t.Errorf("edited content has a script: %s", html)
	}
}
