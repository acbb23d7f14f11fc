package mail_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"balasan/internal/apptest"
)

// TestMail_StrangerGetsOnlyOurWords (issue 10.4): the confirmation mail
// goes to whatever address a reader typed, so it carries nothing a reader
// chose: no article title (nor key), no name, no text; only our words and
// the link. A reader's provisional title reaches no mail at all, not even
// the moderators'.
func TestMail_StrangerGetsOnlyOurWords(t *testing.T) {
	mb := apptest.NewMailbox(t)
	env := newEnv(t, mb, "-allowed-origins", "https://berita.example", "-notify", "redaksi@example.test",
		"-spam-starter", "off") // the trap text is phishing: the starter rightly sends it to spam, which mails nobody
	const (
		trapKey   = "hadiah-menanti-klik-jahat-example"
		trapTitle = "SELAMAT Anda menang, klik https://jahat.example/hadiah"
		trapName  = "Bank Resmi Indonesia"
		trapText  = "Verifikasi rekening Anda di jahat.example sekarang"
	)
	body, _ := json.Marshal(map[string]any{
		"comment_post_ID": trapKey, "author": trapName, "email": "korban@example.test", "comment": trapText,
		"notify": true, "page_url": "https://berita.example/hadiah", "page_title": trapTitle,
	})
	if r := env.Do(env.Client(), http.MethodPost, "/comments", "application/json", string(body), nil); r.StatusCode != http.StatusCreated {
		t.Fatalf("submit: %d %s", r.StatusCode, r.Body)
	}
	confirm := mb.WaitFor("korban@example.test", "Konfirmasi")
	for _, bad := range []string{trapKey, "Hadiah", "hadiah", trapName, "Verifikasi rekening", "jahat.example", "berita.example"} {
		if strings.Contains(confirm.Raw, bad) || strings.Contains(confirm.Text, bad) {
			t.Errorf("the confirmation mail carries %q:\n%s", bad, confirm.Text)
		}
	}
	if !linkIn(env.URL + "/notify/confirm").MatchString(confirm.Text) {
		t.Errorf("the confirmation mail lacks its link:\n%s", confirm.Text)
	}

	mod := mb.WaitFor("redaksi@example.test", "Komentar menunggu moderasi")
	if strings.Contains(mod.Raw, "SELAMAT") || strings.Contains(mod.Text, "SELAMAT") {
		t.Errorf("the moderators' mail uses the reader's provisional title:\n%s", mod.Text)
	}
	if !strings.Contains(mod.Text, trapKey) {
		t.Errorf("the moderators' mail should name the article by its key:\n%s", mod.Text)
	}
}
