package dashboard_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"balasan/internal/apptest"
	"balasan/internal/comment"
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

// axeClean fails the test for every WCAG 2.1 A/AA violation axe-core
// finds in the page open in ctx.
func axeClean(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	vs, err := apptest.RunAxe(tctx)
	if err != nil {
		t.Fatalf("%s: axe: %v", what, err)
	}
	for _, v := range vs {
		t.Errorf("%s: %s", what, v)
	}
}

// TestBrowser_Axe: axe-core finds no WCAG 2.1 AA violation on any
// dashboard page, on a desktop and on a phone, nor with the page's
// dialogs and messages showing.
func TestBrowser_Axe(t *testing.T) {
	ctx := newBrowser(t)
	d := seedNewsroom(t)
	browserLogin(t, ctx, d.Env, adminName, adminPass)
	for _, size := range []struct {
		name string
		view chromedp.Action[chromedp.Void]
	}{
		{"desktop", chromedp.EmulateViewport(1280, 900)},
		{"phone", phone()},
	} {
		run(t, ctx, size.name, size.view)
		for _, p := range dashboardPages {
			visit(t, ctx, d.URL, p.path, p.ready)
			axeClean(t, ctx, size.name+" "+p.path)
		}
	}
	run(t, ctx, "desktop", chromedp.EmulateViewport(1280, 900))
	// States a script makes: the message with its Undo, the delete
	// dialog, the shortcuts' help.
	visit(t, ctx, d.URL, "/admin/comments", ".adm-row")
	run(t, ctx, "trash one", chromedp.Click(chromedp.CSS(".adm-row .adm-act-trash")), chromedp.WaitVisible(chromedp.CSS(".adm-undo")))
	axeClean(t, ctx, "message with undo")
	visit(t, ctx, d.URL, "/admin/comments?status=spam", ".adm-row")
	run(t, ctx, "delete dialog", chromedp.Click(chromedp.CSS(".adm-delete summary")), apptest.Until(`document.getElementById("confirm-delete").open`))
	axeClean(t, ctx, "delete dialog")
	run(t, ctx, "cancel", chromedp.Click(chromedp.CSS("#confirm-delete .adm-cancel")))
	visit(t, ctx, d.URL, "/admin/comments", ".adm-row")
	run(t, ctx, "help", chromedp.Focus(chromedp.CSS(".adm-row input[name=id]")), chromedp.KeyEvent("?"),
		apptest.Until(`document.getElementById("keys-help").open`))
	axeClean(t, ctx, "shortcuts help")

	tab := loginPage(t, ctx, d.URL)
	for _, path := range []string{"/admin/login", "/admin/login?lang=en"} {
		visit(t, tab, d.URL, path, "#username")
		axeClean(t, tab, path)
	}

	// The check itself sees a fault: an image without a text alternative.
	eval[chromedp.Void](t, tab, `document.querySelector("main").appendChild(Object.assign(document.createElement("img"), {src: "/static/none.png"}))`)
	vs, err := apptest.RunAxe(tab)
	if err != nil || len(vs) == 0 || vs[0].ID != "image-alt" {
		t.Errorf("axe missed an image without alt: %v %v", vs, err)
	}
}

// focusRing is, for the focused element, its outline and the contrast of
// the outline's colour against what surrounds it: the nearest ancestor
// with a background, as the outline sits outside the element (or the
// element's own, for a ring drawn inside it).
const focusRing = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  if (e.dataset.ringSeen) return {again: true}; // around the page once
  e.dataset.ringSeen = "1";
  const s = getComputedStyle(e);
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  // A ring drawn inside the element (negative offset) lies on its own background.
  let p = parseFloat(s.outlineOffset) < 0 ? e : e.parentElement, bg = "rgb(255, 255, 255)";
  for (; p; p = p.parentElement) {
    const c = getComputedStyle(p).backgroundColor, a = rgb(c);
    if (a.length === 3 || (a.length === 4 && a[3] > 0.5)) { bg = c; break; }
  }
  const l1 = lum(s.outlineColor), l2 = lum(bg);
  return {what: e.tagName + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : ""),
    style: s.outlineStyle, width: parseFloat(s.outlineWidth), ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
    color: s.outlineColor, bg: bg};
})()`

type ringInfo struct {
	Again bool    `json:"again"`
	What  string  `json:"what"`
	Style string  `json:"style"`
	Width float64 `json:"width"`
	Ratio float64 `json:"ratio"`
	Color string  `json:"color"`
	BG    string  `json:"bg"`
}

// TestBrowser_FocusRing: tabbing through every page, each element that
// takes focus shows a ring at least 2 px wide whose colour has at least
// 3:1 contrast against what surrounds it (WCAG 1.4.11, 2.4.7).
func TestBrowser_FocusRing(t *testing.T) {
	ctx := newBrowser(t)
	d := seedNewsroom(t)
	browserLogin(t, ctx, d.Env, adminName, adminPass)
	checked := 0
	for _, p := range dashboardPages {
		visit(t, ctx, d.URL, p.path, p.ready)
		for range 400 {
			run(t, ctx, "tab", chromedp.KeyEvent("\t"))
			r := eval[*ringInfo](t, ctx, focusRing)
			if r == nil {
				continue
			}
			if r.Again {
				break
			}
			checked++
			if r.Style == "none" || r.Width < 2 || r.Ratio < 3 {
				t.Errorf("%s: focus on %s: outline %s %.0fpx %s on %s, contrast %.2f:1", p.path, r.What, r.Style, r.Width, r.Color, r.BG, r.Ratio)
			}
		}
	}
	t.Logf("%d focus stops checked", checked)
	if checked < 100 {
		t.Errorf("only %d focus stops checked", checked)
	}
}

// TestBrowser_ShortcutsOnlyInARow: single keys act only while a comment
// row has focus (WCAG 2.1.4), and not at all once the moderator switched
// them off in the account page.
func TestBrowser_ShortcutsOnlyInARow(t *testing.T) {
	ctx := newBrowser(t)
	d := newDash(t, "-spam-starter", "off")
	a := d.submit("pintas", "Komentar pertama untuk pintasan.")
	d.submit("pintas", "Komentar kedua untuk pintasan.")
	browserLogin(t, ctx, d.Env, adminName, adminPass)
	pending := `document.querySelector('.adm-count[data-count="pending"]').textContent`

	// Focus outside any row: j then a changes nothing.
	run(t, ctx, "keys outside a row", chromedp.Focus(chromedp.CSS("#f-q")), chromedp.KeyEvent("\u001b"),
		chromedp.Focus(chromedp.CSS("#bulk-action")), chromedp.Blur(chromedp.CSS("#bulk-action")),
		chromedp.KeyEvent("j"), chromedp.KeyEvent("a"), chromedp.KeyEvent("s"), chromedp.Sleep(300*time.Millisecond))
	if n := eval[string](t, ctx, pending); n != "2" || d.status(a) != "pending" {
		t.Fatalf("keys outside a row acted: pending %s, comment %s", n, d.status(a))
	}
	// In a row (its checkbox focused by Tab order), a approves that comment.
	run(t, ctx, "a in a row", chromedp.Focus(chromedp.CSS("#c-1 input[name=id]")), chromedp.KeyEvent("a"),
		chromedp.WaitNotPresent(chromedp.CSS("#c-1")), apptest.Until(pending+` === "1"`))
	if d.status(a) != "approved" {
		t.Errorf("comment %d is %s after a", a, d.status(a))
	}

	// Switched off in the account page: no key acts, the help is hidden.
	visit(t, ctx, d.URL, "/admin/account", "#current_password")
	run(t, ctx, "switch off", chromedp.Click(chromedp.CSS(`input[name=shortcuts][value=off]`)),
		chromedp.Click(chromedp.CSS(`form[action="/admin/account/shortcuts"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".adm-ok")))
	visit(t, ctx, d.URL, "/admin/comments", ".adm-row")
	run(t, ctx, "a with shortcuts off", chromedp.Focus(chromedp.CSS(".adm-row input[name=id]")), chromedp.KeyEvent("a"),
		chromedp.Sleep(300*time.Millisecond))
	if n := eval[string](t, ctx, pending); n != "1" {
		t.Errorf("a acted with the shortcuts off: pending %s", n)
	}
	if !eval[bool](t, ctx, `document.querySelector(".adm-help-open").hidden`) {
		t.Error("the shortcuts' help is offered while they are off")
	}
	// The preference is HttpOnly like every dashboard cookie.
	if eval[string](t, ctx, `document.cookie`) != "" {
		t.Error("the preference cookie is readable by scripts")
	}
}

// TestBrowser_UndoAndConfirm: an action says what it did and offers an
// Undo that puts the row back; a permanent delete asks in a dialog; a
// bulk action with nothing selected says so; nothing reloads the page.
func TestBrowser_UndoAndConfirm(t *testing.T) {
	ctx := newBrowser(t)
	d := newDash(t, "-spam-starter", "off")
	var ids []int64
	for _, text := range []string{"Pertama untuk diurungkan.", "Kedua untuk diurungkan.", "Ketiga untuk diurungkan."} {
		ids = append(ids, d.submit("urung", text))
	}
	browserLogin(t, ctx, d.Env, adminName, adminPass)
	eval[chromedp.Void](t, ctx, `window.balasanMarker = 1`)
	row := func(id int64) string { return "#c-" + strconv.FormatInt(id, 10) }
	live := `document.getElementById("adm-live").textContent`

	run(t, ctx, "approve, then undo",
		chromedp.Click(chromedp.CSS(row(ids[1])+" .adm-act-approve")), chromedp.WaitNotPresent(chromedp.CSS(row(ids[1]))),
		apptest.Until(live+`.startsWith("1 komentar disetujui.")`), chromedp.WaitVisible(chromedp.CSS(".adm-undo")),
		chromedp.Click(chromedp.CSS(".adm-undo")),
		chromedp.WaitVisible(chromedp.CSS(row(ids[1]))), apptest.Until(live+` === "Dibatalkan: 1 komentar dikembalikan."`),
		apptest.Until(`document.querySelector('.adm-count[data-count="pending"]').textContent === "3"`))
	if d.status(ids[1]) != "pending" {
		t.Errorf("after the undo the comment is %s", d.status(ids[1]))
	}
	// Back in its place, between the other two.
	if order := eval[string](t, ctx, `Array.from(document.querySelectorAll(".adm-row")).map(r => r.dataset.id).join(",")`); order != fmt.Sprint(ids[0])+","+fmt.Sprint(ids[1])+","+fmt.Sprint(ids[2]) {
		t.Errorf("rows after the undo: %s", order)
	}

	run(t, ctx, "bulk with nothing selected", chromedp.SetValue(chromedp.CSS("#bulk-action"), "trash"),
		chromedp.Click(chromedp.CSS("#bulk button[type=submit]")),
		apptest.Until(live+`.startsWith("Belum ada komentar yang dipilih.")`))

	run(t, ctx, "bulk trash two", chromedp.Click(chromedp.CSS(row(ids[0])+" input[name=id]")), chromedp.Click(chromedp.CSS(row(ids[2])+" input[name=id]")),
		chromedp.Click(chromedp.CSS("#bulk button[type=submit]")),
		apptest.Until(live+`.startsWith("2 komentar dipindahkan ke Sampah.")`), chromedp.WaitNotPresent(chromedp.CSS(row(ids[2]))))

	if !eval[bool](t, ctx, `window.balasanMarker === 1`) {
		t.Error("the page was reloaded by an action or its undo")
	}

	// In the trash: the delete asks first; Cancel keeps the comment.
	visit(t, ctx, d.URL, "/admin/comments?status=trash", ".adm-row")
	run(t, ctx, "delete, cancelled", chromedp.Click(chromedp.CSS(row(ids[0])+" .adm-delete summary")),
		apptest.Until(`document.getElementById("confirm-delete").open`),
		apptest.Until(`document.getElementById("confirm-delete-q").textContent.startsWith("Hapus 1 komentar secara permanen?")`),
		chromedp.Click(chromedp.CSS("#confirm-delete .adm-cancel")), apptest.Until(`!document.getElementById("confirm-delete").open`),
		chromedp.Sleep(200*time.Millisecond))
	if d.status(ids[0]) != "trash" {
		t.Fatalf("cancelled delete: comment is %s", d.status(ids[0]))
	}
	run(t, ctx, "delete, confirmed", chromedp.Click(chromedp.CSS(row(ids[0])+" .adm-delete summary")),
		apptest.Until(`document.getElementById("confirm-delete").open`),
		chromedp.Click(chromedp.CSS("#confirm-delete button[value=yes]")), chromedp.WaitNotPresent(chromedp.CSS(row(ids[0]))),
		apptest.Until(live+` === "1 komentar dihapus permanen."`))
	if _, err := d.App.Store.Comment(t.Context(), ids[0]); comment.ErrorCode(err) != comment.ENotFound {
		t.Errorf("confirmed delete: %v", err)
	}
	// The last row's bulk delete asks with the count, then the emptied
	// page loads with the message.
	run(t, ctx, "bulk delete", chromedp.Click(chromedp.CSS("#select-all")), chromedp.SetValue(chromedp.CSS("#bulk-action"), "delete"),
		chromedp.Click(chromedp.CSS("#bulk button[type=submit]")),
		apptest.Until(`document.getElementById("confirm-delete-q").textContent.startsWith("Hapus 1 komentar secara permanen?")`),
		chromedp.Click(chromedp.CSS("#confirm-delete button[value=yes]")),
		chromedp.WaitVisible(chromedp.CSS(".adm-empty")), chromedp.WaitVisible(chromedp.CSS(".adm-flash")))
	if got := eval[string](t, ctx, `document.querySelector(".adm-flash p").textContent`); got != "1 komentar dihapus permanen." {
		t.Errorf("message after the emptied page loaded: %q", got)
	}
}
