package api_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"balasan/internal/api"
	"balasan/internal/app"
	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/server"
)

// clock is a test clock the handler reads through its Now field.
type clock struct{ offset atomic.Int64 }

func (c *clock) Now() time.Time          { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *clock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

// seed stores a comment through the service and approves it unless
// pending is asked for; it returns the stored comment.
func seed(t testing.TB, env *apptest.Env, key, author, email, text string, parent int64, approve bool) comment.Comment {
	t.Helper()
	ctx := context.Background()
	c, err := env.App.Service.Submit(ctx, comment.Input{ArticleKey: key, Author: author, Email: email,
		URL: "https://" + strings.ToLower(strings.Fields(author)[0]) + ".example/", Content: text,
		Parent: fmt.Sprint(parent), IP: "192.0.2.7", UserAgent: "SeedAgent/1.0"})
	if err != nil {
		t.Fatalf("seed %q: %v", text, err)
	}
	if approve {
		if c, err = env.App.Service.Moderate(ctx, c.ID, comment.ActApprove, comment.Moderator{Username: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func get(t testing.TB, env *apptest.Env, path string, header http.Header) *apptest.Response {
	t.Helper()
	return env.Do(env.Client(), http.MethodGet, path, "", "", header)
}

func TestEmbed_Labels(t *testing.T) {
	env := apptest.New(t)
	seed(t, env, key, "Budi Santoso", "budi@example.test", "Pertama", 0, true)
	seed(t, env, app.DemoKey, "Budi Santoso", "budi@example.test", "Pertama", 0, true)
	idLabels := []string{`lang="id"`, "Tinggalkan Balasan", "Alamat email Anda tidak akan dipublikasikan.", "Ruas yang wajib ditandai",
		`Komentar <span class="required">*</span>`, `Nama <span class="required">*</span>`, `Email <span class="required">*</span>`,
		">Situs Web</label>", `value="Kirim Komentar"`, ">Balas</a>"}
	enLabels := []string{`lang="en"`, "Leave a Reply", "Your email address will not be published.", "Required fields are marked",
		`Comment <span class="required">*</span>`, `Name <span class="required">*</span>`, `Email <span class="required">*</span>`,
		">Website</label>", `value="Post Comment"`, ">Reply</a>", "&amp;lang=en#respond"}
	tests := []struct {
		name   string
		path   string
		header http.Header
		want   []string
		not    []string
	}{
		{"default indonesian", "/embed/" + key, nil, idLabels, []string{"Leave a Reply"}},
		{"accept-language id first", "/embed/" + key, http.Header{"Accept-Language": {"id-ID,en;q=0.8"}}, idLabels, nil},
		{"query en", "/embed/" + key + "?lang=en", nil, enLabels, []string{"Tinggalkan Balasan"}},
		// The page speaks the article's language, passed as ?lang=, not the browser's.
		{"accept-language en", "/embed/" + key, http.Header{"Accept-Language": {"en-GB,en;q=0.9"}}, idLabels, []string{"Leave a Reply"}},
		{"demo indonesian", "/", nil, idLabels, nil},
		{"demo en", "/?lang=en", nil, enLabels, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(t, env, tt.path, tt.header)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, s := range tt.want {
				if !strings.Contains(resp.Body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(resp.Body, s) {
					t.Errorf("page has %q", s)
				}
			}
		})
	}
}

func TestEmbed_Thread(t *testing.T) {
	env := apptest.New(t)
	top := seed(t, env, key, "Budi Santoso", "budi@example.test", "Komentar <b>tebal</b>", 0, true)
	parent := top.ID
	var chain []comment.Comment
	for i := 1; i <= 6; i++ { // replies six deep: the sixth lines up at depth 5
		c := seed(t, env, key, fmt.Sprintf("Penjawab %d", i), fmt.Sprintf("p%d@example.test", i), fmt.Sprintf("Balasan tingkat %d", i+1), parent, true)
		chain = append(chain, c)
		parent = c.ID
	}
	body := get(t, env, "/embed/"+key, nil).Body

	for _, want := range []string{
		`<a href="https://budi.example/" rel="external nofollow ugc noopener" target="_blank" itemprop="url"><span itemprop="name">Budi Santoso</span></a>`,
		`<b>tebal</b>`,
		fmt.Sprintf(`href="?replytocom=%d#respond"`, top.ID),
		fmt.Sprintf(`<span class="bls-avatar bls-hue-%d" aria-hidden="true">BS</span>`, (&api.Node{C: top}).Hue()),
		server.FormatDate(i18n.ID, top.CreatedAt),
		`itemtype="https://schema.org/Comment"`,
		`<span class="bls-count">(7)</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	depth := func(id int64) string {
		m := regexp.MustCompile(`bls-depth-(\d)[^"]*" id="comment-` + fmt.Sprint(id) + `"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("comment %d not on the page", id)
		}
		return m[1]
	}
	for i, want := range []string{"2", "3", "4", "5", "5", "5"} {
		if got := depth(chain[i].ID); got != want {
			t.Errorf("reply %d at depth %s, want %s", i+1, got, want)
		}
	}
	if strings.Count(body, `<ol class="bls-children">`) != 4 {
		t.Errorf("want 4 nested lists (depths 2–5), got %d", strings.Count(body, `<ol class="bls-children">`))
	}
	// No-JS reply: ?replytocom sets comment_parent and names the author.
	reply := get(t, env, fmt.Sprintf("/embed/%s?replytocom=%d", key, top.ID), nil).Body
	for _, want := range []string{fmt.Sprintf(`id="comment_parent" value="%d"`, top.ID), "Tinggalkan Balasan untuk", ">Budi Santoso</a>"} {
		if !strings.Contains(reply, want) {
			t.Errorf("reply page lacks %q", want)
		}
	}
}

// TestEmbed_PreviewExpiry: the moderation hash shows the pending comment
// to its author only while it is pending and younger than 24 hours.
func TestEmbed_PreviewExpiry(t *testing.T) {
	const marker = "Komentar Anda sedang menunggu moderasi."
	tests := []struct {
		name     string
		change   func(env *apptest.Env, clk *clock, c comment.Comment)
		badHash  bool
		wantSeen bool
	}{
		{"fresh", func(*apptest.Env, *clock, comment.Comment) {}, false, true},
		{"wrong hash", func(*apptest.Env, *clock, comment.Comment) {}, true, false},
		{"23 hours", func(_ *apptest.Env, clk *clock, _ comment.Comment) { clk.Advance(23 * time.Hour) }, false, true},
		{"after 24 hours", func(_ *apptest.Env, clk *clock, _ comment.Comment) { clk.Advance(24*time.Hour + time.Second) }, false, false},
		{"approved", func(env *apptest.Env, _ *clock, c comment.Comment) { env.Approve(c.ID) }, false, false},
		{"spam", func(env *apptest.Env, _ *clock, c comment.Comment) { moderate(t, env, c.ID, comment.ActSpam) }, false, false},
		{"trash", func(env *apptest.Env, _ *clock, c comment.Comment) { moderate(t, env, c.ID, comment.ActTrash) }, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := apptest.New(t)
			clk := &clock{}
			env.App.Public.Now = clk.Now
			c := seed(t, env, key, "Ani Link", "ani@example.test", "Kunjungi https://spam.example/ sekarang", 0, false)
			tt.change(env, clk, c)
			hash := c.Hash
			if tt.badHash {
				hash = strings.Repeat("0", len(hash))
			}
			q := fmt.Sprintf("?unapproved=%d&moderation-hash=%s", c.ID, hash)

			page := get(t, env, "/embed/"+key+q, nil)
			if seen := strings.Contains(page.Body, marker); seen != tt.wantSeen {
				t.Errorf("embed page shows the preview: %v, want %v", seen, tt.wantSeen)
			}
			api := get(t, env, "/api/articles/"+key+"/comments"+q, nil)
			if seen := strings.Contains(api.Body, `"status":"pending"`); seen != tt.wantSeen {
				t.Errorf("API shows the preview: %v, want %v", seen, tt.wantSeen)
			}
			for _, r := range []*apptest.Response{page, api} {
				if tt.wantSeen {
					if r.Header.Get("Cache-Control") != "private, no-store" || r.Header.Get("X-Robots-Tag") != "noindex" {
						t.Errorf("preview headers: Cache-Control %q X-Robots-Tag %q", r.Header.Get("Cache-Control"), r.Header.Get("X-Robots-Tag"))
					}
				}
				if strings.Contains(r.Body, "spam.example") && tt.name != "approved" && !tt.wantSeen {
					t.Errorf("the pending comment's link leaked:\n%.300s", r.Body)
				}
			}
		})
	}
}

func moderate(t testing.TB, env *apptest.Env, id int64, a comment.Action) {
	t.Helper()
	if _, err := env.App.Service.Moderate(context.Background(), id, a, comment.Moderator{Username: "test"}); err != nil {
		t.Fatal(err)
	}
}

func TestEmbed_ClosedAndFragment(t *testing.T) {
	env := apptest.New(t)
	seed(t, env, key, "Budi Santoso", "budi@example.test", "Sebelum ditutup", 0, true)
	if err := env.App.Service.SetArticleState(context.Background(), key, comment.StateClosed, comment.Moderator{Username: "t"}); err != nil {
		t.Fatal(err)
	}
	page := get(t, env, "/embed/"+key, nil).Body
	if !strings.Contains(page, `<p class="bls-closed" id="respond">Komentar ditutup.</p>`) || strings.Contains(page, `id="commentform"`) ||
		strings.Contains(page, "replytocom") {
		t.Errorf("closed article: want the notice, no form and no reply links\n%s", page)
	}
	frag := get(t, env, "/embed/"+key+"?fragment=1", nil).Body
	for _, want := range []string{`itemtype="https://schema.org/Comment"`, `itemprop="text"`, `itemprop="dateCreated"`, "Sebelum ditutup"} {
		if !strings.Contains(frag, want) {
			t.Errorf("fragment lacks %q", want)
		}
	}
	if strings.Contains(frag, "<html") || strings.Contains(frag, "<form") {
		t.Errorf("fragment is a whole page or has a form:\n%s", frag)
	}
}

func TestFormStamp(t *testing.T) {
	env := apptest.New(t)
	resp := get(t, env, "/api/form-stamp", http.Header{"Origin": {env.URL}})
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("status %d Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	m := regexp.MustCompile(`^\{"stamp":"([^"]+)"\}`).FindStringSubmatch(resp.Body)
	if m == nil {
		t.Fatalf("body %s", resp.Body)
	}
	if age, ok := comment.StampAge(env.App.Service.Config.StampKey, m[1], time.Now()); !ok || age > time.Minute || age < 0 {
		t.Errorf("stamp %q: age %v ok %v", m[1], age, ok)
	}
}
