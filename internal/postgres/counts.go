package postgres

import (
	"context"
	"net"
	"strings"

	"balasan/internal/comment"
)

// MatchCounts counts a search's matches in each status
// among the first comment.MatchCountCap, found once as List finds them.
func (s *Store) MatchCounts(ctx context.Context, f comment.Filter) (map[comment.Status]int, error) {
	out := map[comment.Status]int{}
	q := strings.TrimSpace(f.Query)
	if q == "" {
		return out, nil
	}
	var cond string
	var arg any
	switch {
	case net.ParseIP(q) != nil:
		cond, arg = "ip = $2", q
	case comment.ValidEmail(q):
		cond, arg = "email_hash = $2", s.box.Hash(q)
	default:
		tsq := tsQuery(q)
		if tsq == "" {
			return out, nil
		}
		cond, arg = "search @@ to_tsquery('simple', $2)", tsq
	}
	rows, err := s.db.Query(ctx, `SELECT status, COUNT(*) FROM (SELECT status FROM comments WHERE `+cond+`
		AND ($1 = '' OR article_key = $1) LIMIT $3) m GROUP BY status`, f.Article, arg, comment.MatchCountCap)
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

// AuthorCounts counts each email's approved and spam comments in one
// grouped read of the (email_hash, status) index.
func (s *Store) AuthorCounts(ctx context.Context, emails []string) (map[string]comment.AuthorCounts, error) {
	out := map[string]comment.AuthorCounts{}
	var hashes []string
	for _, e := range emails {
		if e != "" {
			hashes = append(hashes, s.box.Hash(e))
		}
	}
	if len(hashes) == 0 {
		return out, nil
	}
	rows, err := s.db.Query(ctx, `SELECT email_hash, count(*) FILTER (WHERE status = 'approved'),
		count(*) FILTER (WHERE status = 'spam') FROM comments
		WHERE email_hash = ANY($1) AND status IN ('approved', 'spam') GROUP BY email_hash`, hashes)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	perHash := map[string]comment.AuthorCounts{}
	for rows.Next() {
		var h string
		var c comment.AuthorCounts
		if err := rows.Scan(&h, &c.Approved, &c.Spam); err != nil {
			return nil, wrap(err)
		}
		perHash[h] = c
	}
	for _, e := range emails {
		if c, ok := perHash[s.box.Hash(e)]; ok && e != "" {
			out[e] = c
		}
	}
	return out, wrap(rows.Err())
}
