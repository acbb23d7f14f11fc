package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

const moderatorColumns = `id, username, password_hash, role, disabled, lang, created_at, display_name`

func scanModerator(row pgx.Row) (comment.Moderator, error) {
	var m comment.Moderator
	var role string
	var created int64
	if err := row.Scan(&m.ID, &m.Username, &m.PasswordHash, &role, &m.Disabled, &m.Lang, &created, &m.DisplayName); err != nil {
		return m, wrap(err)
	}
	m.Role, m.CreatedAt = comment.Role(role), fromMS(created)
	return m, nil
}

// CreateModerator adds an account; a taken username is a conflict.
func (s *Store) CreateModerator(ctx context.Context, m *comment.Moderator) error {
	err := s.db.QueryRow(ctx, `INSERT INTO moderators (username, password_hash, role, lang, created_at, display_name)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, m.Username, m.PasswordHash, string(m.Role), m.Lang, ms(m.CreatedAt),
		m.DisplayName).Scan(&m.ID)
	if uniqueViolation(err) {
		return comment.Errorf(comment.EConflict, "username_taken")
	}
	return wrap(err)
}

// ModeratorByName finds an account by username (case-insensitive).
func (s *Store) ModeratorByName(ctx context.Context, username string) (comment.Moderator, error) {
	return scanModerator(s.db.QueryRow(ctx, `SELECT `+moderatorColumns+` FROM moderators WHERE lower(username) = lower($1)`, username))
}

// Moderators lists every account by name.
func (s *Store) Moderators(ctx context.Context) ([]comment.Moderator, error) {
	rows, err := s.db.Query(ctx, `SELECT `+moderatorColumns+` FROM moderators ORDER BY lower(username) COLLATE "C", id`)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []comment.Moderator
	for rows.Next() {
		m, err := scanModerator(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, wrap(rows.Err())
}

// CountModerators tells whether the first account still has to be made.
func (s *Store) CountModerators(ctx context.Context) (int, error) {
	var n int
	return n, wrap(s.db.QueryRow(ctx, `SELECT COUNT(*) FROM moderators`).Scan(&n))
}

// accountsLock is the advisory lock key of account changes: the last-admin
// check and the change it allows happen with no other account change
// between them, on any instance.
const accountsLock = 0x62616c61636374 // "balacct"

// keepsAnAdmin applies comment.KeepsAnAdmin to a change of account id
// (after nil: its removal) inside tx, under the accounts lock.
func keepsAnAdmin(ctx context.Context, tx pgx.Tx, id int64, after *comment.Moderator) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(accountsLock)); err != nil {
		return err
	}
	before, err := scanModerator(tx.QueryRow(ctx, `SELECT `+moderatorColumns+` FROM moderators WHERE id = $1`, id))
	if err != nil {
		return err
	}
	var others int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM moderators WHERE role = 'admin' AND NOT disabled AND id <> $1`,
		id).Scan(&others); err != nil {
		return err
	}
	return comment.KeepsAnAdmin(others, before, after)
}

// UpdateModerator saves password hash, role, disabled flag and language;
// disabling or a new password ends the account's sessions. It refuses the
// change that would leave no enabled admin, checked in its transaction.
func (s *Store) UpdateModerator(ctx context.Context, m comment.Moderator, endSessions bool) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if err := keepsAnAdmin(ctx, tx, m.ID, &m); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE moderators SET password_hash = $1, role = $2, disabled = $3, lang = $4, display_name = $5
			WHERE id = $6`, m.PasswordHash, string(m.Role), m.Disabled, m.Lang, m.DisplayName, m.ID); err != nil {
			return err
		}
		if endSessions {
			_, err := tx.Exec(ctx, `DELETE FROM sessions WHERE moderator_id = $1`, m.ID)
			return err
		}
		return nil
	})
}

// DeleteModerator removes an account and its sessions.
func (s *Store) DeleteModerator(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if err := keepsAnAdmin(ctx, tx, id, nil); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM moderators WHERE id = $1`, id)
		return err
	})
}
