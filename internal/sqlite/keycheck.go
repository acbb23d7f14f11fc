package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"strings"

	"balasan/internal/comment"
)

// sealedSQL finds a sealed email through the email-hash index: every
// sealed address has its keyed hash beside it.
const sealedSQL = `SELECT email FROM comments WHERE email_hash > '' LIMIT 1`

// HoldsSealedData reports whether the database at path holds emails
// sealed with a key, so that no new key may be made for it. A missing or
// empty file, or one without the comments table yet, holds none. It
// changes nothing in the file.
func HoldsSealedData(ctx context.Context, path string) (bool, error) {
	if st, err := os.Stat(path); errors.Is(err, os.ErrNotExist) || (err == nil && st.Size() == 0) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	db, err := sql.Open("sqlite", dsn(path, true, Options{}))
	if err != nil {
		return false, err
	}
	defer db.Close()
	var email string
	err = db.QueryRowContext(ctx, sealedSQL).Scan(&email)
	switch {
	case err == sql.ErrNoRows:
		return false, nil
	case err != nil && strings.Contains(err.Error(), "no such table"):
		return false, nil
	case err != nil:
		return false, err
	}
	return true, nil
}

// checkKey opens one sealed email with the store's key; comment.ErrWrongKey when
// it does not open.
func (s *Store) checkKey(ctx context.Context) error {
	var email string
	err := s.w.QueryRowContext(ctx, sealedSQL).Scan(&email)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return err
	}
	if _, err := s.box.Open(email); err != nil {
		return comment.ErrWrongKey
	}
	return nil
}
