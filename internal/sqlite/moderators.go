package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"balasan/internal/comment"
)

const moderatorColumns = `id, username, password_hash, role, disabled, lang, created_at, display_name`

func scanModerator(row scanner) (comment.Moderator, error) {
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
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO moderators (username, password_hash, role, lang, created_at, display_name)
			VALUES (?, ?, ?, ?, ?, ?)`, m.Username, m.PasswordHash, string(m.Role), m.Lang, ms(m.CreatedAt), m.DisplayName)
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return comment.Errorf(comment.EConflict, "username_taken")
			}
			return wrap(err)
		}
		m.ID, err = res.LastInsertId()
		return err
	})
}

// ModeratorByName finds an account by username (case-insensitive).
func (s *Store) ModeratorByName(ctx context.Context, username string) (comment.Moderator, error) {
	return scanModerator(s.r.QueryRowContext(ctx, `SELECT `+moderatorColumns+` FROM moderators WHERE username = ?`, username))
}

// Moderators lists every account by name.
func (s *Store) Moderators(ctx context.Context) ([]comment.Moderator, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+moderatorColumns+` FROM moderators ORDER BY username`)
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
	return n, wrap(s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM moderators`).Scan(&n))
}

// UpdateModerator saves password hash, role, disabled flag and language;
// disabling or a new password ends the account's sessions. The last-admin
// rule is checked in the same transaction as the change, so two admins
// demoting each other at once cannot both succeed.
func (s *Store) UpdateModerator(ctx context.Context, m comment.Moderator, endSessions bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := keepsAnAdmin(ctx, tx, m.ID, &m); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE moderators SET password_hash = ?, role = ?, disabled = ?, lang = ?, display_name = ? WHERE id = ?`,
			m.PasswordHash, string(m.Role), m.Disabled, m.Lang, m.DisplayName, m.ID); err != nil {
			return wrap(err)
		}
		if endSessions {
			_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE moderator_id = ?`, m.ID)
			return wrap(err)
		}
		return nil
	})
}

// DeleteModerator removes an account and its sessions.
func (s *Store) DeleteModerator(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := keepsAnAdmin(ctx, tx, id, nil); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM moderators WHERE id = ?`, id)
		return wrap(err)
	})
}

// keepsAnAdmin applies comment.KeepsAnAdmin to a change of account id
// (after nil: its removal) inside the write transaction; the account must
// exist.
func keepsAnAdmin(ctx context.Context, tx *sql.Tx, id int64, after *comment.Moderator) error {
	before, err := scanModerator(tx.QueryRowContext(ctx, `SELECT `+moderatorColumns+` FROM moderators WHERE id = ?`, id))
	if err != nil {
		return err
	}
	var others int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM moderators WHERE role = 'admin' AND disabled = 0 AND id <> ?`,
		id).Scan(&others); err != nil {
		return wrap(err)
	}
	return comment.KeepsAnAdmin(others, before, after)
}
