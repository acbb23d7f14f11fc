package postgres

import (
	"context"
	"time"

	"balasan/internal/comment"
)

var _ comment.LoginFailures = (*Store)(nil)

// FailedLogins reads the counts of the keys that have any.
func (s *Store) FailedLogins(ctx context.Context, keys []int64) (map[int64]comment.FailureCount, error) {
	rows, err := s.db.Query(ctx, `SELECT key, n, last FROM login_failures WHERE key = ANY($1)`, keys)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	out := map[int64]comment.FailureCount{}
	for rows.Next() {
		var k, last int64
		var n int
		if err := rows.Scan(&k, &n, &last); err != nil {
			return nil, wrap(err)
		}
		out[k] = comment.FailureCount{N: n, Last: time.UnixMilli(last)}
	}
	return out, wrap(rows.Err())
}

// FailLogin counts one failure in one statement, so failures on several
// instances at once all count.
func (s *Store) FailLogin(ctx context.Context, key int64, window time.Duration, now time.Time) error {
	_, err := s.db.Exec(ctx, `INSERT INTO login_failures AS f (key, n, last) VALUES ($1, 1, $2)
		ON CONFLICT (key) DO UPDATE SET last = $2,
			n = CASE WHEN $2 - f.last >= $3 THEN 1 ELSE f.n + 1 END`, key, now.UnixMilli(), window.Milliseconds())
	return wrap(err)
}

// ForgetLogin sets a key's count to 0.
func (s *Store) ForgetLogin(ctx context.Context, key int64) error {
	_, err := s.db.Exec(ctx, `UPDATE login_failures SET n = 0 WHERE key = $1`, key)
	return wrap(err)
}

// PruneLogins keeps the table small: counts past every window go, and
// past keep rows the oldest go, as the in-memory tables drop theirs.
func (s *Store) PruneLogins(ctx context.Context, cutoff time.Time, keep int) (int64, error) {
	tag, err := s.db.Exec(ctx, `DELETE FROM login_failures WHERE last < $1`, cutoff.UnixMilli())
	if err != nil {
		return 0, wrap(err)
	}
	n := tag.RowsAffected()
	tag, err = s.db.Exec(ctx, `DELETE FROM login_failures WHERE key IN
		(SELECT key FROM login_failures ORDER BY last DESC OFFSET $1)`, keep)
	if err != nil {
		return n, wrap(err)
	}
	return n + tag.RowsAffected(), nil
}
