package sqlite

import (
	"context"
	"fmt"
	"os"
)

// Backup writes a consistent copy of the live database to path with
// VACUUM INTO: it reads one snapshot, so the server keeps running and
// writing meanwhile, and the copy is compact. path must not exist yet.
// The copy is made readable by its owner only: it holds names, IPs and
// sealed emails.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists already; choose a new file", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	// VACUUM INTO accepts an existing empty file; created first, it keeps
	// the 0600 mode instead of the umask's.
	if _, err := s.w.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return wrap(err)
	}
	return nil
}
