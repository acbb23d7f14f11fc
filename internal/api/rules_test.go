package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

const (
	editor   = "redaksi"
	password = "kata-sandi-panjang"
)

// stored returns a comment as the store has it.
func stored(t *testing.T, env *apptest.Env, id int64) comment.Comment {
	t.Helper()
	c, err := env.App.Store.Comment(context.Background(), id)
	if err != nil {
		t.Fatalf("comment %d: %v", id, err)
	}
	return c
}

// saveKeys sets the word lists through the real settings page.
func saveKeys(t *testing.T, env *apptest.Env, moderation, disallowed string) {
	t.Helper()
	env.AddModerator(editor, password, comment.RoleAdmin)
	c, csrf := env.Login(editor, password)
	resp := env.PostForm(c, "/admin/settings", url.Values{"_csrf": {csrf},
		"moderation_keys": {moderation}, "disallowed_keys": {disallowed}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save settings: status %d", resp.StatusCode)
	}
	page := env.Get(c, "/admin/settings", http.StatusOK)
	for _, k := range comment.ParseKeys(moderation + "\n" + disallowed) {
		if !strings.Contains(page, k) {
			t.Fatalf("settings page lacks saved key %q", k)
		}
	}
}

// TestRules_Keys: moderation_keys hold a comment with the key as reason,
// disallowed_keys send it to spam; both match case-insensitively in name,
// email, URL, text and IP, as WordPress does.
func TestRules_Keys(t *testing.T) {
	tests := []struct {
		name       string
		moderation string
		disallowed string
		change     func(url.Values)
		wantStatus comment.Status
		wantReason string
	}{
		{"no key matches", "judi", "pinjol", func(url.Values) {}, comment.Pending, ""},
		{"moderation key in text, other case", "JuDi", "", func(v url.Values) { v.Set("comment", "Situs judi merajalela") },
			comment.Pending, "moderation_keys: JuDi"},
		{"moderation phrase in name", "tukang\nbudi santoso", "", func(url.Values) {}, comment.Pending, "moderation_keys: budi santoso"},
		{"moderation key in email", "@Example.TEST", "", func(url.Values) {}, comment.Pending, "moderation_keys: @Example.TEST"},
		{"moderation key in url", "promo-murah", "", func(v url.Values) { v.Set("url", "https://PROMO-murah.example") },
			comment.Pending, "moderation_keys: promo-murah"},
		{"moderation key is the ip", "127.0.0.1", "", func(url.Values) {}, comment.Pending, "moderation_keys: 127.0.0.1"},
		{"disallowed key in text", "", "Slot Gacor", func(v url.Values) { v.Set("comment", "main SLOT GACOR sekarang") },
			comment.Spam, "disallowed_keys: Slot Gacor"},
		{"disallowed key in name", "", "penipu", func(v url.Values) { v.Set("author", "Si Penipu") }, comment.Spam, "disallowed_keys: penipu"},
		{"disallowed key in email", "", "budi@example.test", func(url.Values) {}, comment.Spam, "disallowed_keys: budi@example.test"},
		{"disallowed key in url", "", "spam.example", func(v url.Values) { v.Set("url", "http://www.SPAM.example/x") },
			comment.Spam, "disallowed_keys: spam.example"},
		{"disallowed key is the ip", "", "127.0.0.1", func(url.Values) {}, comment.Spam, "disallowed_keys: 127.0.0.1"},
		{"disallowed wins over moderation", "judi", "judi", func(v url.Values) { v.Set("comment", "judi") },
			comment.Spam, "disallowed_keys: judi"},

		// Issue 15: keys match what a reader sees, whatever the letters.
		{"disallowed key in math letters", "", "slot gacor", func(v url.Values) { v.Set("comment", "main 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑") },
			comment.Spam, "disallowed_keys: slot gacor"},
		{"disallowed key spaced and zero-width", "", "slot gacor", func(v url.Values) { v.Set("comment", "s l o t ga\u200bcor") },
			comment.Spam, "disallowed_keys: slot gacor"},
		{"moderation key with cyrillic letters", "pinjol", "", func(v url.Values) { v.Set("author", "Тukang Рinjоl") },
			comment.Pending, "moderation_keys: pinjol"},
		{"fullwidth key matches plain text", "", "ｐｅｎｉｐｕ", func(v url.Values) { v.Set("comment", "dasar penipu") },
			comment.Spam, "disallowed_keys: ｐｅｎｉｐｕ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := apptest.New(t)
			saveKeys(t, env, tt.moderation, tt.disallowed)
			v := apptest.Form(key)
			tt.change(v)
			id := env.Submit(v) // a spam answer looks exactly like success
			c := stored(t, env, id)
			if c.Status != tt.wantStatus || c.Reason != tt.wantReason {
				t.Errorf("status %q reason %q, want %q %q", c.Status, c.Reason, tt.wantStatus, tt.wantReason)
			}
		})
	}
}

// TestRules_HeldAndScored: each rule's reason and the spam score are
// stored and shown in the dashboard queue.
func TestRules_HeldAndScored(t *testing.T) {
	// Without the starter the score has no opinion (0.50), so each rule's
	// own reason shows; the starter's "likely_spam" band is tested in
	// internal/spam (TestSpam_LikelyLane).
	env := apptest.New(t, "-max-links", "2", "-min-submit-seconds", "2", "-spam-starter", "off")
	saveKeys(t, env, "pemilu", "")
	stamp := formStamp(t, env)
	tests := []struct {
		name       string
		change     func(url.Values)
		wantReason string
	}{
		{"two links pass", func(v url.Values) { v.Set("comment", "Lihat https://a.example dan https://b.example ya") }, ""},
		{"three links held", func(v url.Values) {
			v.Set("comment", `<a href="https://a.example">a</a> https://b.example www.c.example`)
		}, "links: 3"},
		{"keyword held", func(v url.Values) { v.Set("comment", "Soal PEMILU nanti") }, "moderation_keys: pemilu"},
		{"too fast", func(v url.Values) { v.Set("comment", "Cepat sekali"); v.Set("bls_ts", stamp) }, "too_fast"},
		{"old enough stamp", func(v url.Values) {
			v.Set("comment", "Sudah membaca dulu")
			v.Set("bls_ts", comment.Stamp(env.App.Box.SigningKey(), time.Now().Add(-time.Minute)))
		}, ""},
	}
	ids := map[string]int64{}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := apptest.Form(key)
			v.Set("email", "pembaca"+strconv.Itoa(i)+"@example.test")
			tt.change(v)
			id := env.Submit(v)
			ids[tt.name] = id
			c := stored(t, env, id)
			if c.Status != comment.Pending || !strings.HasPrefix(c.Reason, tt.wantReason) || (tt.wantReason == "" && c.Reason != "") {
				t.Errorf("status %q reason %q, want pending with reason %q", c.Status, c.Reason, tt.wantReason)
			}
			if c.SpamScore == nil {
				t.Error("no spam score stored")
			}
		})
	}
	cl, _ := env.Login(editor, password)
	page := env.Get(cl, "/admin/comments?status=pending", http.StatusOK)
	for _, want := range []string{"Ditahan karena", "3 tautan, batasnya 2", "cocok dengan kata moderasi “pemilu”",
		"detik setelah formulir dibuka (paling cepat 2,0 detik)", "Skor spam: 0,50"} {
		if !strings.Contains(page, want) {
			t.Errorf("queue lacks %q", want)
		}
	}
}

var stampField = regexp.MustCompile(`name="bls_ts" value="([^"]+)"`)

// formStamp serves the embed form and returns its signed stamp.
func formStamp(t *testing.T, env *apptest.Env) string {
	t.Helper()
	page := env.Get(env.Client(), "/embed/"+key, http.StatusOK)
	m := stampField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("embed form has no bls_ts")
	}
	return m[1]
}

// TestRules_Honeypot: a filled honeypot is stored as spam while the bot
// gets the very answer a real pending comment gets.
func TestRules_Honeypot(t *testing.T) {
	env := apptest.New(t)
	v := apptest.Form(key)
	v.Set("bls_hp", "http://bot.example")
	resp := env.PostForm(env.Client(), "/comments", v)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "unapproved=") {
		t.Fatalf("form: status %d Location %q, want 303 like a pending comment", resp.StatusCode, resp.Header.Get("Location"))
	}
	loc, _ := url.Parse(resp.Header.Get("Location"))
	id, _ := strconv.ParseInt(strings.TrimPrefix(loc.Fragment, "comment-"), 10, 64)
	if c := stored(t, env, id); c.Status != comment.Spam || c.Reason != "honeypot" {
		t.Errorf("form: stored %q %q, want spam honeypot", c.Status, c.Reason)
	}
	body := `{"comment_post_ID":"` + key + `","author":"Bot","email":"bot@example.test","comment":"beli sekarang","bls_hp":"x"}`
	jr := env.Do(env.Client(), http.MethodPost, "/comments", "application/json", body, nil)
	var out struct {
		ID     int64
		Status string
		Hash   string `json:"moderation_hash"`
	}
	json.Unmarshal([]byte(jr.Body), &out)
	if jr.StatusCode != http.StatusCreated || out.Status != "pending" || out.Hash == "" {
		t.Fatalf("json: status %d body %s, want 201 pending with a hash", jr.StatusCode, jr.Body)
	}
	if c := stored(t, env, out.ID); c.Status != comment.Spam {
		t.Errorf("json: stored %q, want spam", c.Status)
	}
}

// TestRules_Closing: moderators close and reopen an article; articles
// older than BALASAN_CLOSE_AFTER close by themselves; closed answers 403
// and the embed page says so instead of showing the form.
func TestRules_Closing(t *testing.T) {
	env := apptest.New(t, "-close-after", "24h")
	env.AddModerator(editor, password, comment.RoleAdmin)
	mod, csrf := env.Login(editor, password)
	ctx := context.Background()
	if _, err := env.App.Store.EnsureArticle(ctx, comment.Article{Key: "lama", CreatedAt: time.Now().Add(-48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	state := func(k, s string) {
		t.Helper()
		if r := env.PostForm(mod, "/admin/articles/"+k+"/"+s, url.Values{"_csrf": {csrf}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s %s: status %d", s, k, r.StatusCode)
		}
	}
	steps := []struct {
		name  string
		do    func()
		key   string
		want  int
		embed string
	}{
		{"new article open", func() {}, key, http.StatusSeeOther, `id="commentform"`},
		{"closed by moderator", func() { state(key, "close") }, key, http.StatusForbidden, "Komentar ditutup."},
		{"reopened", func() { state(key, "open") }, key, http.StatusSeeOther, `id="commentform"`},
		{"closed by age", func() {}, "lama", http.StatusForbidden, "Komentar ditutup."},
		{"old article opened by moderator", func() { state("lama", "open") }, "lama", http.StatusSeeOther, `id="commentform"`},
	}
	for i, st := range steps {
		st.do()
		v := apptest.Form(st.key)
		v.Set("comment", "Langkah "+strconv.Itoa(i))
		resp := env.PostForm(env.Client(), "/comments", v)
		if resp.StatusCode != st.want {
			t.Errorf("%s: submit status %d, want %d", st.name, resp.StatusCode, st.want)
		}
		if st.want == http.StatusForbidden && !strings.Contains(resp.Body, "ditutup") {
			t.Errorf("%s: 403 page does not say comments are closed", st.name)
		}
		page := env.Get(env.Client(), "/embed/"+st.key, http.StatusOK)
		if !strings.Contains(page, st.embed) {
			t.Errorf("%s: embed page lacks %q", st.name, st.embed)
		}
		if st.want == http.StatusForbidden && strings.Contains(page, `id="commentform"`) {
			t.Errorf("%s: embed page still shows the form", st.name)
		}
	}
	api := env.Get(env.Client(), "/api/articles/lama/comments", http.StatusOK)
	if !strings.Contains(api, `"comments_open":true`) {
		t.Errorf("api after reopening: %s", api)
	}
}

// TestRules_DefaultDisallowedKeys: until an admin saves disallowed_keys,
// the shipped list applies (and fills the settings field); saving the
// field empty switches it off.
func TestRules_DefaultDisallowedKeys(t *testing.T) {
	env := apptest.New(t, "-spam-starter", "off")
	env.AddModerator(editor, password, comment.RoleAdmin)
	c, csrf := env.Login(editor, password)
	if page := env.Get(c, "/admin/settings", http.StatusOK); !strings.Contains(page, "bocoran rtp") {
		t.Error("the settings page does not show the default list")
	}
	v := apptest.Form(key)
	v.Set("comment", "Cek 𝐛𝐨𝐜𝐨𝐫𝐚𝐧 𝐑𝐓𝐏 hari ini")
	if got := stored(t, env, env.Submit(v)); got.Status != comment.Spam || got.Reason != "disallowed_keys: bocoran rtp" {
		t.Errorf("default list: status %q reason %q", got.Status, got.Reason)
	}
	resp := env.PostForm(c, "/admin/settings", url.Values{"_csrf": {csrf}, "moderation_keys": {""}, "disallowed_keys": {""}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save settings: %d", resp.StatusCode)
	}
	v = apptest.Form(key)
	v.Set("email", "lain@example.test")
	v.Set("comment", "Cek bocoran RTP hari ini, kata iklan di bus")
	if got := stored(t, env, env.Submit(v)); got.Status != comment.Pending {
		t.Errorf("after emptying the list: status %q reason %q", got.Status, got.Reason)
	}
}
