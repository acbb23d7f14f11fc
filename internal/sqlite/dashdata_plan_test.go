package sqlite

import (
	"strings"
	"testing"

	"balasan/internal/comment"
)

// queryPlan returns SQLite's plan of a query, one detail a line.
func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.r.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; ")
}

// The dashboard's new reads go through their indexes: no page of them
// sorts or scans a million comments.
func TestStore_DashboardPlans(t *testing.T) {
	s, _ := mustOpenStore(t)
	for _, tt := range []struct {
		name, query string
		args        []any
		want        []string
		never       []string
	}{
		{"articles page", must(listArticlesSQL(comment.ArticleFilter{})), []any{50}, []string{"articles_created"}, []string{"TEMP B-TREE"}},
		{"articles deep page", must(listArticlesSQL(comment.ArticleFilter{After: "1:k"})), []any{1, 1, "k", 50},
			[]string{"articles_created"}, []string{"TEMP B-TREE"}},
		{"authors' counts", authorCountsSQL(3), []any{"a", "b", "c"}, []string{"COVERING INDEX comments_email_hash"}, nil},
		{"old trash", oldTrashSQL, []any{0, 100}, []string{"comments_trash_age"}, []string{"TEMP B-TREE"}},
	} {
		plan := queryPlan(t, s, tt.query, tt.args...)
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

func must(q string, _ []any) string { return q }
