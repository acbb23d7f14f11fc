package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// privateFiles makes the database file, and its WAL and shared-memory
// files if they exist, readable by the owner only (0600): they hold
// names, IP addresses and sealed emails. The main file is created here,
// empty, before SQLite opens it, so it never exists with the umask's
// mode; SQLite then gives the -wal and -shm files it creates the main
// file's mode (os_unix.c), whatever the umask. Files of an older setup
// are tightened. Changing the process umask instead would race with
// every other file the process creates.
func privateFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return err
		}
		if st.Mode().Perm() != 0o600 {
			if err := os.Chmod(p, 0o600); err != nil {
				return fmt.Errorf("make %s private: %w", p, err)
			}
		}
	}
	return nil
}
