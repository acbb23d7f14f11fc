package postgres

import (
	"context"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// Settings names of the spam model's document totals (as in SQLite).
const (
	settingSpamDocs = "spam_docs"
	settingHamDocs  = "ham_docs"
)

// SpamModel reads the learned model: token tallies and document totals.
func (s *Store) SpamModel(ctx context.Context) (map[string]comment.SpamCounts, int, int, error) {
	rows, err := s.db.Query(ctx, `SELECT token, spam, ham FROM spam_tokens`)
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
	var spamDocs, hamDocs string
	if err := s.db.QueryRow(ctx, `SELECT COALESCE((SELECT value FROM settings WHERE name = $1), '0'),
		COALESCE((SELECT value FROM settings WHERE name = $2), '0')`, settingSpamDocs, settingHamDocs).
		Scan(&spamDocs, &hamDocs); err != nil {
		return nil, 0, 0, wrap(err)
	}
	sd, _ := strconv.Atoi(spamDocs)
	hd, _ := strconv.Atoi(hamDocs)
	return tokens, sd, hd, nil
}

// SpamLabel returns what the model learned a comment as: learned is false
// when it learned nothing from it.
func (s *Store) SpamLabel(ctx context.Context, commentID int64) (isSpam, learned bool, err error) {
	err = s.db.QueryRow(ctx, `SELECT is_spam FROM spam_trained WHERE comment_id = $1`, commentID).Scan(&isSpam)
	if err == pgx.ErrNoRows {
		return false, false, nil
	}
	return isSpam, err == nil, wrap(err)
}

// SaveSpamTraining stores what the model learned from or unlearned about
// a comment in one transaction: the token and document deltas, and the
// comment's label (nil: it is learned as nothing now).
func (s *Store) SaveSpamTraining(ctx context.Context, commentID int64, label *bool, deltas ...comment.SpamDelta) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		for _, d := range deltas {
			if err := applyDelta(ctx, tx, d); err != nil {
				return err
			}
		}
		var err error
		if label == nil {
			_, err = tx.Exec(ctx, `DELETE FROM spam_trained WHERE comment_id = $1`, commentID)
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO spam_trained (comment_id, is_spam) VALUES ($1, $2)
				ON CONFLICT (comment_id) DO UPDATE SET is_spam = excluded.is_spam`, commentID, *label)
		}
		return err
	})
}

// applyDelta adds a delta in a few statements whatever its size: tallies
// never go below zero, and a token back at zero in both is dropped.
func applyDelta(ctx context.Context, tx pgx.Tx, d comment.SpamDelta) error {
	toks := make([]string, 0, len(d.Tokens))
	for tok := range d.Tokens {
		toks = append(toks, tok)
	}
	// Sorted, so two transactions lock tokens in the same order.
	slices.Sort(toks)
	spams, hams := make([]int64, len(toks)), make([]int64, len(toks))
	for i, tok := range toks {
		spams[i], hams[i] = int64(d.Tokens[tok].Spam), int64(d.Tokens[tok].Ham)
	}
	if len(toks) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO spam_tokens AS t (token, spam, ham)
			SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
			ON CONFLICT (token) DO UPDATE SET spam = t.spam + excluded.spam, ham = t.ham + excluded.ham`,
			toks, spams, hams); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE spam_tokens SET spam = GREATEST(spam, 0), ham = GREATEST(ham, 0)
			WHERE token = ANY($1) AND (spam < 0 OR ham < 0)`, toks); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM spam_tokens WHERE token = ANY($1) AND spam = 0 AND ham = 0`, toks); err != nil {
			return err
		}
	}
	for _, doc := range []struct {
		name string
		n    int
	}{{settingSpamDocs, d.SpamDocs}, {settingHamDocs, d.HamDocs}} {
		if doc.n == 0 {
			continue
		}
		if _, err := tx.Exec(ctx, `INSERT INTO settings AS s (name, value) VALUES ($1, GREATEST(0, $2::bigint)::text)
			ON CONFLICT (name) DO UPDATE SET value = GREATEST(0, s.value::bigint + $2::bigint)::text`, doc.name, doc.n); err != nil {
			return err
		}
	}
	return nil
}
