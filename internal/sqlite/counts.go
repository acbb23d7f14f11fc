package sqlite

import (
	"context"
	"net"
	"strings"

	"balasan/internal/comment"
)

// MatchCounts counts a search's matches in each status among the first
// comment.MatchCountCap: the matches are found once, as List finds them
// (email hash, IP, full-text index), so a word in half the comments costs
// a bounded read.
func (s *Store) MatchCounts(ctx context.Context, f comment.Filter) (map[comment.Status]int, error) {
	out := map[comment.Status]int{}
	q := strings.TrimSpace(f.Query)
	if q == "" {
		return out, nil
	}
	if net.ParseIP(q) == nil && !comment.ValidEmail(q) {
		s.indexAll(ctx, ftsSearchChunks)
	}
	query, args := s.matchCountsSQL(q, f.Article)
	rows, err := s.readRows(ctx, query, args...)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, wrap(err)
		}
		out[comment.Status(st)] = n
	}
	return out, wrap(rows.Err())
}

// matchCountsSQL is MatchCounts' query for a search q, trimmed and not
// empty (its plans are tested).
func (s *Store) matchCountsSQL(q, article string) (string, []any) {
	var match string
	var args []any
	switch {
	case net.ParseIP(q) != nil:
		match, args = `SELECT id FROM comments WHERE ip = ?`, []any{q}
	case comment.ValidEmail(q):
		match, args = `SELECT id FROM comments WHERE email_hash = ?`, []any{s.box.Hash(q)}
	default:
		match, args = `SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?`, []any{ftsQuery(q)}
	}
	query := `SELECT status, COUNT(*) FROM (SELECT status FROM comments WHERE id IN (` + match + `)`
	if article != "" {
		query += ` AND +article_key = ?`
		args = append(args, article)
	}
	return query + ` LIMIT ?) GROUP BY status`, append(args, comment.MatchCountCap)
}

// AuthorCounts counts each email's approved and spam comments in one
// grouped read of the (email_hash, status) index: a page of 50 rows asks
// for at most 50 hashes.
func (s *Store) AuthorCounts(ctx context.Context, emails []string) (map[string]comment.AuthorCounts, error) {
	out := map[string]comment.AuthorCounts{}
	seen := map[string]bool{}
	var args []any
	for _, e := range emails {
		if h := s.box.Hash(e); e != "" && !seen[h] {
			seen[h] = true
			args = append(args, h)
		}
	}
	if len(args) == 0 {
		return out, nil
	}
	rows, err := s.r.QueryContext(ctx, authorCountsSQL(len(args)), args...)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	perHash := map[string]comment.AuthorCounts{}
	for rows.Next() {
		var h, st string
		var n int
		if err := rows.Scan(&h, &st, &n); err != nil {
			return nil, wrap(err)
		}
		c := perHash[h]
		if st == string(comment.Approved) {
			c.Approved = n
		} else {
			c.Spam = n
		}
		perHash[h] = c
	}
	// Every spelling asked for gets the counts of its address.
	for _, e := range emails {
		if c, ok := perHash[s.box.Hash(e)]; ok && e != "" {
			out[e] = c
		}
	}
	return out, wrap(rows.Err())
}

// authorCountsSQL is AuthorCounts' query for n hashes (its plan is tested).
func authorCountsSQL(n int) string {
	return `SELECT email_hash, status, COUNT(*) FROM comments
		WHERE email_hash IN (` + placeholders(n) + `) AND status IN ('approved', 'spam') GROUP BY email_hash, status`
}
