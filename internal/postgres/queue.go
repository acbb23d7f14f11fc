package postgres

import (
	"context"
	"net"
	"strconv"
	"strings"
	"unicode"

	"balasan/internal/comment"
)

// List returns one page of the moderation queue, keyset-paginated by id,
// so page 1,000 costs what page 1 does. A query is an IP (looked up as
// one: its digits as words would match every year and price), an exact
// email (through its keyed hash), or words of the text or the author's
// name, each a prefix, all required.
func (s *Store) List(ctx context.Context, f comment.Filter) ([]comment.Comment, error) {
	where := []string{"status = $1"}
	args := []any{string(f.Status)}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Article != "" {
		add("article_key = ?", f.Article)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		switch {
		case net.ParseIP(q) != nil:
			add("ip = ?", q)
		case comment.ValidEmail(q):
			add("email_hash = ?", s.box.Hash(q))
		default:
			tsq := tsQuery(q)
			if tsq == "" {
				return nil, nil // nothing searchable: only punctuation
			}
			add("search @@ to_tsquery('simple', ?)", tsq)
		}
	}
	if f.LikelySpam {
		// Checked on the status index's rows: the band is a small part
		// of the pending queue, which is short by nature.
		add("starts_with(reason, ?)", comment.LikelySpamReason+":")
	}
	order := "DESC"
	if f.OldestFirst() {
		order = "ASC"
		if f.After > 0 {
			add("id > ?", f.After)
		}
	} else if f.After > 0 {
		add("id < ?", f.After)
	}
	args = append(args, f.PageLimit())
	return s.queryComments(ctx, nil, `SELECT `+commentColumns+` FROM comments WHERE `+strings.Join(where, " AND ")+
		` ORDER BY id `+order+` LIMIT $`+strconv.Itoa(len(args)), args...)
}

// tsQuery turns what a moderator typed into a tsquery that cannot be a
// syntax error: the runs of letters and digits, lower-cased, each quoted
// and a prefix (:*), all required (&). The 'simple' parser splits the
// indexed text at the same places, so "budi-santoso" finds both words.
func tsQuery(q string) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = "'" + w + "':*"
	}
	return strings.Join(words, " & ")
}

// StatusCounts returns the number of comments in each status (the sum
// of its slots, see stripedCounts).
func (s *Store) StatusCounts(ctx context.Context) (map[comment.Status]int, error) {
	rows, err := s.db.Query(ctx, `SELECT status, sum(n)::bigint FROM status_counts GROUP BY status`)
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
