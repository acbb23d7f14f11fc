package sqlite

import (
	"context"
	"database/sql"
	"strconv"

	"balasan/internal/comment"
)

// Settings names of the spam model's document totals.
const (
	settingSpamDocs = "spam_docs"
	settingHamDocs  = "ham_docs"
)

// SpamModel reads the learned model: token tallies and document totals.
func (s *Store) SpamModel(ctx context.Context) (map[string]comment.SpamCounts, int, int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT token, spam, ham FROM spam_tokens`)
	if err != nil {
		return nil, 0, 0, wrap(err)
	}
	defer rows.Close()
	tokens := map[string]comment.SpamCounts{}
	for rows.Next() {
		var tok string
		var c comment.SpamCounts
		if err := rows.Scan(&tok, &c.Spam, &c.Ham); err != nil {
			return nil, 0, 0, wrap(err)
		}
		tokens[tok] = c
	}
	if err := rows.Err(); err != nil {
		return nil, 0, 0, wrap(err)
	}
	var spamDocs, hamDocs int
	for name, n := range map[string]*int{settingSpamDocs: &spamDocs, settingHamDocs: &hamDocs} {
		var v string
		err := s.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = ?`, name).Scan(&v)
		if err != nil && err != sql.ErrNoRows {
			return nil, 0, 0, wrap(err)
		}
		*n, _ = strconv.Atoi(v)
	}
	return tokens, spamDocs, hamDocs, nil
}

// SpamLabel returns what the model learned a comment as: learned is false
// when it learned nothing from it.
func (s *Store) SpamLabel(ctx context.Context, commentID int64) (isSpam, learned bool, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT is_spam FROM spam_trained WHERE comment_id = ?`, commentID).Scan(&isSpam)
	if err == sql.ErrNoRows {
		return false, false, nil
	}
	return isSpam, err == nil, wrap(err)
}

// SaveSpamTraining stores what the model learned from or unlearned about
// a comment in one transaction: the token and document deltas, and the
// comment's label (nil: it is learned as nothing now).
func (s *Store) SaveSpamTraining(ctx context.Context, commentID int64, label *bool, deltas ...comment.SpamDelta) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, d := range deltas {
			if err := applyDelta(ctx, tx, d); err != nil {
				return err
			}
		}
		var err error
		if label == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM spam_trained WHERE comment_id = ?`, commentID)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO spam_trained (comment_id, is_spam) VALUES (?, ?)
				ON CONFLICT (comment_id) DO UPDATE SET is_spam = excluded.is_spam`, commentID, *label)
		}
		return wrap(err)
	})
}

func applyDelta(ctx context.Context, tx *sql.Tx, d comment.SpamDelta) error {
	for tok, c := range d.Tokens {
		res, err := tx.ExecContext(ctx, `UPDATE spam_tokens SET spam = MAX(0, spam + ?), ham = MAX(0, ham + ?) WHERE token = ?`,
			c.Spam, c.Ham, tok)
		if err != nil {
			return wrap(err)
		}
		if n, _ := res.RowsAffected(); n == 0 && (c.Spam > 0 || c.Ham > 0) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO spam_tokens (token, spam, ham) VALUES (?, ?, ?)`,
				tok, max(c.Spam, 0), max(c.Ham, 0)); err != nil {
				return wrap(err)
			}
		}
		if c.Spam < 0 || c.Ham < 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM spam_tokens WHERE token = ? AND spam = 0 AND ham = 0`, tok); err != nil {
				return wrap(err)
			}
		}
	}
	for name, n := range map[string]int{settingSpamDocs: d.SpamDocs, settingHamDocs: d.HamDocs} {
		if n == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, CAST(MAX(0, ?) AS TEXT))
			ON CONFLICT (name) DO UPDATE SET value = CAST(MAX(0, CAST(value AS INTEGER) + ?) AS TEXT)`, name, n, n); err != nil {
			return wrap(err)
		}
	}
	return nil
}
