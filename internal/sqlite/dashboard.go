package sqlite

import (
	"context"
	"strings"

	"balasan/internal/comment"
)

// CommentsByID returns the comments with the given ids that exist, in one
// query: the queue's parents in context.
func (s *Store) CommentsByID(ctx context.Context, ids []int64) (map[int64]comment.Comment, error) {
	out := make(map[int64]comment.Comment, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	list, err := s.scanComments(s.r.QueryContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE id IN (`+
		placeholders(len(ids))+`)`, args...))
	for _, c := range list {
		out[c.ID] = c
	}
	return out, err
}

// ArticleURLs returns the known page URL of each article key that has one.
func (s *Store) ArticleURLs(ctx context.Context, keys []string) (map[string]string, error) {
	out := make(map[string]string, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	rows, err := s.r.QueryContext(ctx, `SELECT key, url FROM articles WHERE url <> '' AND key IN (`+placeholders(len(keys))+`)`, args...)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, u string
		if err := rows.Scan(&k, &u); err != nil {
			return nil, wrap(err)
		}
		out[k] = u
	}
	return out, wrap(rows.Err())
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
