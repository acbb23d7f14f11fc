package sqlite

import (
	"strings"
	"testing"

	"balasan/internal/comment"
)

// Every queue view and search, and the search counts, go through an
// index: a page never scans or sorts a million comments (the plans of
// the articles page and the authors' counts: TestStore_DashboardPlans).
func TestStore_QueuePlans(t *testing.T) {
	// The comments' table read whole, in rowid order or through an index
	// (SCAN comments_fts is the full-text index's own search).
	scanAll := []string{"SCAN comments;", "SCAN comments USING"}
	s, _ := mustOpenStore(t)
	list := func(f comment.Filter) func() (string, []any) {
		return func() (string, []any) { f.Limit = 50; return s.listSQL(f) }
	}
	matches := func(q, article string) func() (string, []any) {
		return func() (string, []any) { return s.matchCountsSQL(q, article) }
	}
	for _, tt := range []struct {
		name  string
		query func() (string, []any)
		want  []string
		never []string
	}{
		{"pending", list(comment.Filter{Status: comment.Pending}),
			[]string{"comments_status_id"}, []string{"TEMP B-TREE", "SCAN"}},
		{"pending deep", list(comment.Filter{Status: comment.Pending, After: 500_000}),
			[]string{"comments_status_id (status=? AND id>?)"}, []string{"TEMP B-TREE", "SCAN"}},
		{"approved deep", list(comment.Filter{Status: comment.Approved, After: 500_000}),
			[]string{"comments_status_id (status=? AND id<?)"}, []string{"TEMP B-TREE", "SCAN"}},
		{"likely spam", list(comment.Filter{Status: comment.Pending, LikelySpam: true}),
			[]string{"comments_status_id"}, []string{"TEMP B-TREE", "SCAN"}},
		{"article", list(comment.Filter{Status: comment.Approved, Article: "berita-77"}),
			[]string{"comments_article_status (article_key=? AND status=?)"}, []string{"TEMP B-TREE", "SCAN"}},
		{"word", list(comment.Filter{Status: comment.Approved, Query: "pantai"}),
			[]string{"comments_fts VIRTUAL TABLE INDEX", "INTEGER PRIMARY KEY"}, scanAll},
		{"email", list(comment.Filter{Status: comment.Approved, Query: "a@example.test"}),
			[]string{"comments_email_hash", "INTEGER PRIMARY KEY"}, scanAll},
		{"ip", list(comment.Filter{Status: comment.Approved, Query: "10.1.2.3"}),
			[]string{"comments_ip_created", "INTEGER PRIMARY KEY"}, scanAll},
		{"word in an article", list(comment.Filter{Status: comment.Approved, Query: "pantai", Article: "berita-77"}),
			[]string{"comments_fts VIRTUAL TABLE INDEX"}, scanAll},
		{"word counts", matches("pantai", ""), []string{"comments_fts VIRTUAL TABLE INDEX"}, scanAll},
		{"email counts", matches("a@example.test", ""), []string{"comments_email_hash"}, scanAll},
		{"ip counts", matches("10.1.2.3", "berita-77"), []string{"comments_ip_created"}, scanAll},
	} {
		q, args := tt.query()
		plan := queryPlan(t, s, q, args...) + ";"
		for _, w := range tt.want {
			if !strings.Contains(plan, w) {
				t.Errorf("%s: plan %q lacks %q", tt.name, plan, w)
			}
		}
		for _, n := range tt.never {
			if strings.Contains(plan, n) {
				t.Errorf("%s: plan %q has %q", tt.name, plan, n)
			}
		}
	}
}
