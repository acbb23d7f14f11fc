package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// LinkTelegram links (or with 0 unlinks) a Telegram user to an account,
// with its audit entry, in one transaction.
func (s *Store) LinkTelegram(ctx context.Context, moderatorID, telegramID int64, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM moderators WHERE id = $1`, moderatorID).Scan(&n); err != nil {
			return err
		} else if n == 0 {
			return comment.Errorf(comment.ENotFound, "not_found")
		}
		if _, err := tx.Exec(ctx, `DELETE FROM telegram_links WHERE moderator_id = $1`, moderatorID); err != nil {
			return err
		}
		if telegramID != 0 {
			_, err := tx.Exec(ctx, `INSERT INTO telegram_links (telegram_id, moderator_id) VALUES ($1, $2)`, telegramID, moderatorID)
			if uniqueViolation(err) {
				return comment.Errorf(comment.EConflict, "telegram_taken")
			} else if err != nil {
				return err
			}
		}
		return insertAudit(ctx, tx, audit)
	})
}

// ModeratorByTelegram returns the account a Telegram user is linked to.
func (s *Store) ModeratorByTelegram(ctx context.Context, telegramID int64) (comment.Moderator, error) {
	return scanModerator(s.db.QueryRow(ctx, `SELECT `+moderatorColumns+` FROM moderators
		WHERE id = (SELECT moderator_id FROM telegram_links WHERE telegram_id = $1)`, telegramID))
}

// TelegramLinks returns each linked account's Telegram user id.
func (s *Store) TelegramLinks(ctx context.Context) (map[int64]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT moderator_id, telegram_id FROM telegram_links`)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var m, t int64
		if err := rows.Scan(&m, &t); err != nil {
			return nil, wrap(err)
		}
		out[m] = t
	}
	return out, wrap(rows.Err())
}

// TelegramOffset is the next update id to ask bot for (0: none yet).
func (s *Store) TelegramOffset(ctx context.Context, bot string) (int64, error) {
	var off int64
	err := s.db.QueryRow(ctx, `SELECT next_update FROM telegram_offsets WHERE bot = $1`, bot).Scan(&off)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return off, wrap(err)
}

// SaveTelegramOffset records the next update id to ask bot for; it never
// moves back, so a late writer cannot make handled updates come again.
func (s *Store) SaveTelegramOffset(ctx context.Context, bot string, offset int64) error {
	_, err := s.db.Exec(ctx, `INSERT INTO telegram_offsets (bot, next_update) VALUES ($1, $2)
		ON CONFLICT (bot) DO UPDATE SET next_update = GREATEST(telegram_offsets.next_update, excluded.next_update)`, bot, offset)
	return wrap(err)
}
