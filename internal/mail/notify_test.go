package mail_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

const (
	key      = "berita-42"
	editor   = "redaksi"
	password = "kata-sandi-panjang"
)

// fastRetry makes the outbox retry within milliseconds, so tests of a
// failing server finish quickly; nothing below measures time.
var fastRetry = []string{"-outbox-poll", "50ms", "-outbox-retry-min", "20ms", "-outbox-retry-max", "200ms"}

func newEnv(t *testing.T, mb *apptest.Mailbox, opts ...string) *apptest.Env {
	args := append([]string{"-smtp-url", mb.URL(), "-mail-from", "balasan@example.test",
		"-notify", "redaksi@example.test,editor@example.test"}, fastRetry...)
	return apptest.New(t, append(args, opts...)...)
}

var dashLink = regexp.MustCompile(`/admin/comments\?status=pending#c-(\d+)`)

var hrefs = regexp.MustCompile(`href="([^"]*)"`)

// TestMail_ModeratorNotice: each comment that waits is mailed to every
// address of BALASAN_NOTIFY with article, author, text and a dashboard
// link; comment markup arrives as text, never as a link or image; spam is
// not announced.
func TestMail_ModeratorNotice(t *testing.T) {
	mb := apptest.NewMailbox(t)
	env := newEnv(t, mb)
	bot := apptest.Form(key)
	bot.Set("bls_hp", "x")
	bot.Set("comment", "pesan robot")
	env.Submit(bot)
	v := apptest.Form(key)
	v.Set("author", "Budi <i>Santoso</i>")
	v.Set("url", "https://budi.example")
	v.Set("comment", `Lihat <a href="https://jahat.example/x">tautan ini</a> <img src="https://jahat.example/p.gif"> dan <b>tebal</b>`)
	id := env.Submit(v)

	msg := mb.WaitFor("redaksi@example.test", "Komentar menunggu moderasi")
	if len(msg.To) != 2 {
		t.Errorf("recipients %v, want both BALASAN_NOTIFY addresses", msg.To)
	}
	dash := env.URL + "/admin/comments?status=pending#c-" + strconv.FormatInt(id, 10)
	for _, want := range []string{key, "Budi Santoso", "budi@example.test", "https://budi.example", "tautan ini", "tebal", dash} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("plain part lacks %q:\n%s", want, msg.Text)
		}
	}
	if !strings.Contains(msg.HTML, strings.ReplaceAll(dash, "&", "&amp;")) {
		t.Errorf("html part lacks the dashboard link:\n%s", msg.HTML)
	}
	for _, m := range hrefs.FindAllStringSubmatch(msg.HTML, -1) {
		if !strings.HasPrefix(m[1], env.URL+"/") {
			t.Errorf("html part links outside the service: %s", m[1])
		}
	}
	for _, bad := range []string{"<img", "<b>", "jahat.example/x\"", "<i>"} {
		if strings.Contains(msg.HTML, bad) {
			t.Errorf("html part contains %q", bad)
		}
	}
	if msg.From != "balasan@example.test" {
		t.Errorf("envelope from %q", msg.From)
	}
	for _, m := range mb.Messages() {
		if strings.Contains(m.Text, "pesan robot") {
			t.Error("a honeypot spam comment was announced to moderators")
		}
	}
}

var linkIn = func(path string) *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(path) + `\?c=\d+&s=[0-9a-f]+`)
}

// TestMail_ReplyOptIn follows the whole double opt-in through the real
// app: the confirmation mail, its link, the approval mail, the reply mail
// (never carrying the replier's email) and the one-click unsubscribe.
func TestMail_ReplyOptIn(t *testing.T) {
	mb := apptest.NewMailbox(t)
	env := newEnv(t, mb, "-notify", "")
	env.AddModerator(editor, password, comment.RoleModerator)
	mod, csrf := env.Login(editor, password)
	ctx := context.Background()
	act := func(id int64, action string) {
		t.Helper()
		r := env.PostForm(mod, fmt.Sprintf("/admin/comments/%d/%s", id, action), url.Values{"_csrf": {csrf}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s %d: status %d", action, id, r.StatusCode)
		}
	}
	notify := func(id int64) comment.NotifyState {
		c, err := env.App.Store.Comment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c.Notify
	}

	// 1. Siti ticks notify: one confirmation mail, without her text.
	v := apptest.Form(key)
	v.Set("author", "Siti")
	v.Set("email", "siti@example.test")
	v.Set("comment", "Teks rahasia Siti")
	v.Set("notify", "1")
	siti := env.Submit(v)
	if n := notify(siti); n != comment.NotifyAsked {
		t.Fatalf("notify after submit = %d, want asked", n)
	}
	confirm := mb.WaitFor("siti@example.test", "Konfirmasi")
	if strings.Contains(confirm.Text, "Teks rahasia") {
		t.Error("the confirmation mail quotes the comment")
	}
	link := linkIn(env.URL + "/notify/confirm").FindString(confirm.Text)
	if link == "" {
		t.Fatalf("no confirm link in:\n%s", confirm.Text)
	}
	path := strings.TrimPrefix(link, env.URL)

	// 2. A forged or wrong-purpose link does nothing; the real one confirms.
	forged := path[:len(path)-4] + "beef"
	env.Get(env.Client(), forged, http.StatusNotFound)
	env.Get(env.Client(), strings.Replace(path, "/confirm", "/unsubscribe", 1), http.StatusNotFound)
	if n := notify(siti); n != comment.NotifyAsked {
		t.Fatalf("notify after forged links = %d", n)
	}
	// The link (GET, as a mail scanner opens it) only shows a button; its
	// POST confirms.
	page := env.Get(env.Client(), path, http.StatusOK)
	if !strings.Contains(page, `<form method="post"`) || notify(siti) != comment.NotifyAsked {
		t.Fatalf("confirm GET: notify %d page:\n%s", notify(siti), page)
	}
	resp := env.Do(env.Client(), http.MethodPost, path, "application/x-www-form-urlencoded", "", nil)
	if !strings.Contains(resp.Body, "Langganan dikonfirmasi") || notify(siti) != comment.NotifyConfirmed {
		t.Fatalf("confirm POST: status %d notify %d page:\n%s", resp.StatusCode, notify(siti), resp.Body)
	}

	// 3. Approval mails Siti, with RFC 8058 unsubscribe headers.
	act(siti, "approve")
	approved := mb.WaitFor("siti@example.test", "Komentar Anda sudah tampil")
	if got := approved.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post %q", got)
	}
	if !strings.HasPrefix(approved.Header.Get("List-Unsubscribe"), "<"+env.URL+"/notify/unsubscribe?c=") {
		t.Errorf("List-Unsubscribe %q", approved.Header.Get("List-Unsubscribe"))
	}

	// 4. Budi's approved reply is mailed to Siti without Budi's address.
	r := apptest.Form(key)
	r.Set("author", "Budi")
	r.Set("email", "budi.rahasia@example.test")
	r.Set("comment", "Balasan dari Budi untuk Siti")
	r.Set("comment_parent", strconv.FormatInt(siti, 10))
	reply := env.Submit(r)
	act(reply, "approve")
	got := mb.WaitFor("siti@example.test", "Balasan baru")
	if !strings.Contains(got.Text, "Budi") || !strings.Contains(got.Text, "Balasan dari Budi untuk Siti") {
		t.Errorf("reply mail lacks the reply:\n%s", got.Text)
	}
	if strings.Contains(got.Raw, "budi.rahasia") {
		t.Error("the replier's email appears in the reply mail")
	}

	// 5. The unsubscribe link: GET shows a button and changes nothing; the
	// one-click POST (RFC 8058) stops the mail.
	unsub := strings.Trim(got.Header.Get("List-Unsubscribe"), "<>")
	upath := strings.TrimPrefix(unsub, env.URL)
	if !strings.Contains(got.Text, unsub) {
		t.Errorf("the body lacks the unsubscribe link %s", unsub)
	}
	page = env.Get(env.Client(), upath, http.StatusOK)
	if !strings.Contains(page, `<form method="post"`) || notify(siti) != comment.NotifyConfirmed {
		t.Fatalf("unsubscribe GET: notify %d page:\n%s", notify(siti), page)
	}
	resp = env.Do(env.Client(), http.MethodPost, upath, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click", nil)
	if resp.StatusCode != http.StatusOK || notify(siti) != comment.NotifyNone {
		t.Fatalf("one-click unsubscribe: status %d notify %d", resp.StatusCode, notify(siti))
	}

	// 6. A later reply sends nothing to Siti.
	before := len(mb.Messages())
	r.Set("comment", "Balasan kedua")
	act(env.Submit(r), "approve")
	waitQueueEmpty(t, env, "mail.reply")
	for _, m := range mb.Messages()[before:] {
		if m.To[0] == "siti@example.test" {
			t.Errorf("mail after unsubscribing: %s", m.Subject())
		}
	}
}

// waitQueueEmpty waits until no job of kind is left undelivered.
func waitQueueEmpty(t *testing.T, env *apptest.Env, kind string) {
	t.Helper()
	for i := 0; ; i++ {
		n, err := env.App.Store.PendingJobs(context.Background(), kind)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if i > 1200 {
			t.Fatalf("%d %s jobs still queued", n, kind)
		}
		sleepBriefly()
	}
}

// TestMail_ServerDown: with the mail server down, 100 comments are all
// accepted and stored at once; every notice arrives once it is back.
func TestMail_ServerDown(t *testing.T) {
	mb := apptest.NewMailbox(t)
	mb.Stop()
	env := newEnv(t, mb, "-notify", "redaksi@example.test")
	const n = 100
	var wg sync.WaitGroup
	ids := make([]int64, n)
	for w := range 10 {
		wg.Go(func() {
			for i := w; i < n; i += 10 {
				v := apptest.Form(key)
				v.Set("email", fmt.Sprintf("pembaca%d@example.test", i))
				v.Set("comment", fmt.Sprintf("Komentar nomor %d", i))
				resp := env.Do(env.Client(), http.MethodPost, "/comments", "application/x-www-form-urlencoded", v.Encode(),
					http.Header{"Accept": {"application/json"}})
				var out struct{ ID int64 }
				json.Unmarshal([]byte(resp.Body), &out)
				if resp.StatusCode != http.StatusCreated || out.ID == 0 {
					t.Errorf("comment %d: status %d %s", i, resp.StatusCode, resp.Body)
				}
				ids[i] = out.ID
			}
		})
	}
	wg.Wait()
	counts, err := env.App.Store.StatusCounts(context.Background())
	if err != nil || counts[comment.Pending] != n {
		t.Fatalf("stored pending %d (%v), want %d", counts[comment.Pending], err, n)
	}
	if len(mb.Messages()) != 0 {
		t.Fatal("mail arrived while the server was down")
	}
	mb.Start()
	msgs := mb.Wait(n)
	waitQueueEmpty(t, env, "mail.moderator")
	seen := map[int64]int{}
	for _, m := range mb.Messages() {
		if s := dashLink.FindStringSubmatch(m.Text); s != nil {
			id, _ := strconv.ParseInt(s[1], 10, 64)
			seen[id]++
		}
	}
	for i, id := range ids {
		if seen[id] != 1 {
			t.Errorf("comment %d (id %d): %d notices, want 1", i, id, seen[id])
		}
	}
	t.Logf("%d notices delivered after the server came back", len(msgs))
}

// TestMail_SurvivesRestart: notices queued while the server was down are
// sent by the next start of the app.
func TestMail_SurvivesRestart(t *testing.T) {
	mb := apptest.NewMailbox(t)
	mb.Stop()
	db := t.TempDir() + "/balasan.db"
	env := newEnv(t, mb, "-db", db, "-notify", "redaksi@example.test")
	for i := range 3 {
		v := apptest.Form(key)
		v.Set("comment", fmt.Sprintf("Sebelum restart %d", i))
		env.Submit(v)
	}
	env.Server.Close()
	env.App.Close()
	mb.Start()
	newEnv(t, mb, "-db", db, "-notify", "redaksi@example.test")
	mb.Wait(3)
}

func sleepBriefly() { time.Sleep(50 * time.Millisecond) }
