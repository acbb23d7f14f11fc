package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"balasan/internal/comment"
)

// LinkTelegram links (or with 0 unlinks) a Telegram user to an account,
// with its audit entry, in one transaction.
func (s *Store) LinkTelegram(ctx context.Context, moderatorID, telegramID int64, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM moderators WHERE id = ?`, moderatorID).Scan(&n); err != nil {
			return wrap(err)
		} else if n == 0 {
			return comment.Errorf(comment.ENotFound, "not_found")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM telegram_links WHERE moderator_id = ?`, moderatorID); err != nil {
			return wrap(err)
		}
		if telegramID != 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO telegram_links (telegram_id, moderator_id) VALUES (?, ?)`,
				telegramID, moderatorID); err != nil {
				if strings.Contains(err.Error(), "UNIQUE") {
					return comment.Errorf(comment.EConflict, "telegram_taken")
				}
				return wrap(err)
			}
		}
		return insertAudit(ctx, tx, audit)
	})
}

// ModeratorByTelegram returns the account a Telegram user is linked to.
func (s *Store) ModeratorByTelegram(ctx context.Context, telegramID int64) (comment.Moderator, error) {
	return scanModerator(s.r.QueryRowContext(ctx, `SELECT `+moderatorColumns+` FROM moderators
		WHERE id = (SELECT moderator_id FROM telegram_links WHERE telegram_id = ?)`, telegramID))
}

// TelegramLinks returns each linked account's Telegram user id.
func (s *Store) TelegramLinks(ctx context.Context) (map[int64]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT moderator_id, telegram_id FROM telegram_links`)
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
	err := s.r.QueryRowContext(ctx, `SELECT next_update FROM telegram_offsets WHERE bot = ?`, bot).Scan(&off)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return off, wrap(err)
}

// SaveTelegramOffset records the next update id to ask bot for; it never
// moves back, so a late writer cannot make handled updates come again.
func (s *Store) SaveTelegramOffset(ctx context.Context, bot string, offset int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO telegram_offsets (bot, next_update) VALUES (?, ?)
			ON CONFLICT (bot) DO UPDATE SET next_update = MAX(next_update, excluded.next_update)`, bot, offset)
		return wrap(err)
	})
}
