package sqlite

import (
	"context"
	"net"
	"strings"

	"balasan/internal/comment"
)

// List returns one page of comments, keyset-paginated by id, so page 1,000
// costs what page 1 does.
func (s *Store) List(ctx context.Context, f comment.Filter) ([]comment.Comment, error) {
	if q := strings.TrimSpace(f.Query); q != "" && net.ParseIP(q) == nil && !comment.ValidEmail(q) {
		// The newest comments may still wait to be indexed; if indexing
		// fails now (a full disk), the search runs without them.
		s.indexAll(ctx, ftsSearchChunks)
	}
	query, args := s.listSQL(f)
	return s.scanComments(s.readRows(ctx, query, args...))
}

// listSQL is List's query (its plans are tested).
func (s *Store) listSQL(f comment.Filter) (string, []any) {
	var where []string
	var args []any
	where = append(where, "status = ?")
	args = append(args, string(f.Status))
	if f.Article != "" {
		where = append(where, "article_key = ?")
		args = append(args, f.Article)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		// The matches are found through indexes (email hash, IP, the
		// full-text index) and the status is only checked on them: the
		// unary + keeps SQLite from scanning a whole status instead.
		where[0] = "+status = ?"
		if f.Article != "" {
			where[1] = "+article_key = ?"
		}
		switch {
		case net.ParseIP(q) != nil:
			// An address is looked up as one; its digits as words would
			// match every year and price in the texts.
			where = append(where, `id IN (SELECT id FROM comments WHERE ip = ?)`)
			args = append(args, q)
		case comment.ValidEmail(q):
			where = append(where, `id IN (SELECT id FROM comments WHERE email_hash = ?)`)
			args = append(args, s.box.Hash(q))
		default:
			where = append(where, `id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?)`)
			args = append(args, ftsQuery(q))
		}
	}
	if f.LikelySpam {
		// Checked on the status index's rows: the band is a small part
		// of the pending queue, which is short by nature.
		where = append(where, "substr(reason, 1, ?) = ?")
		args = append(args, len(comment.LikelySpamReason)+1, comment.LikelySpamReason+":")
	}
	order := "DESC"
	if f.OldestFirst() {
		order = "ASC"
		if f.After > 0 {
			where = append(where, "id > ?")
			args = append(args, f.After)
		}
	} else if f.After > 0 {
		where = append(where, "id < ?")
		args = append(args, f.After)
	}
	args = append(args, f.PageLimit())
	return `SELECT ` + commentColumns + ` FROM comments WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY id ` + order + ` LIMIT ?`, args
}

// ftsQuery turns what a moderator typed into an FTS5 query that cannot be
// a syntax error: every word quoted, each a prefix, all required.
func ftsQuery(q string) string {
	words := strings.Fields(q)
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"*`
	}
	return strings.Join(words, " ")
}

// StatusCounts returns the number of comments in each status.
func (s *Store) StatusCounts(ctx context.Context) (map[comment.Status]int, error) {
	rows, err := s.readRows(ctx, `SELECT status, n FROM status_counts`)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	out := map[comment.Status]int{}
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
