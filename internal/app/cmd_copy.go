package app

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"balasan/internal/comment"
	"balasan/internal/dbcopy"
	"balasan/internal/postgres"
	"balasan/internal/secret"
	"balasan/internal/sqlite"
)

const copyUsage = "balasan copy --to postgres://…|FILE [--db FILE|postgres://…]"

// copyCmd copies the whole database (--db or BALASAN_DB) into an empty
// one, PostgreSQL or a SQLite file, and checks the counts of every table
// at the end (exit 1 when one differs). Stop the server first, or the
// copy misses what arrives meanwhile.
func copyCmd(ctx context.Context, env Env, args []string) error {
	fs := newFlags("copy", copyUsage)
	to := fs.String("to", "", "the empty target: a postgres:// URL or a SQLite file")
	db := dbFlag(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if *to == "" {
		return badUsage(fs, "copy: --to is required")
	}
	srcCfg, err := commandConfig(env, *db)
	if err != nil {
		return err
	}
	key, fromFile, err := copyKey(srcCfg)
	if err != nil {
		return err
	}
	// The target is read with the source's key, which a PostgreSQL
	// target requires as its setting.
	dstEnv := env
	dstEnv.Getenv = func(k string) string {
		if k == "BALASAN_SECRET_KEY" {
			return hex.EncodeToString(key)
		}
		return env.Getenv(k)
	}
	dstCfg, err := commandConfig(dstEnv, *to)
	if err != nil {
		return err
	}
	if dstCfg.DBName() == srcCfg.DBName() {
		return usageError{"copy: --to names the source database"}
	}
	if !dstCfg.Postgres() {
		if err := placeKeyFile(dstCfg, key, fromFile); err != nil {
			return err
		}
	}
	// Both ends with the source's key: the sealed emails and their hashes
	// are copied as they are, and the target checks the key at open.
	src, _, err := openExisting(ctx, env, *db)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, _, err := openStore(ctx, dstCfg)
	if err != nil {
		return err
	}
	defer dst.Close()
	from, err1 := copyEnd(src)
	into, err2 := copyEnd(dst)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "Copying %s into %s\n", srcCfg.DBName(), dstCfg.DBName())
	counts, err := dbcopy.Copy(ctx, from, into, env.Stderr)
	if errors.Is(err, dbcopy.ErrNotEmpty) {
		return usageError{"copy: " + err.Error() + "; copy into an empty database"}
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "TABLE\tSOURCE\tTARGET\t")
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t\n", c.Table, c.Source, c.Target)
	}
	tw.Flush()
	if err != nil {
		return fmt.Errorf("copy: the counts differ: %w", err)
	}
	if cerr := dst.Check(ctx); cerr != nil {
		return fmt.Errorf("copy: the target's kept counts: %w", cerr)
	}
	fmt.Fprintf(env.Stdout, "Copied; every table's count matches.\n")
	if dstCfg.Postgres() && fromFile {
		fmt.Fprintf(env.Stdout, "Set BALASAN_SECRET_KEY on every instance to the key in %s.\n", srcCfg.KeyFile())
	}
	return nil
}

// copyKey is the source's secret key: BALASAN_SECRET_KEY, else its key
// file (which must exist: a new key would open nothing).
func copyKey(cfg Config) (key []byte, fromFile bool, err error) {
	if cfg.SecretKey != "" {
		key, err = secret.ParseKey(cfg.SecretKey)
		return key, false, err
	}
	key, err = secret.LoadKey(cfg.KeyFile())
	if err != nil {
		return nil, false, usageError{"copy: no key for the source (BALASAN_SECRET_KEY or " + cfg.KeyFile() + "): " + err.Error()}
	}
	return key, true, nil
}

// placeKeyFile gives a SQLite target the source's key file, unless the
// key comes from BALASAN_SECRET_KEY; a different key file already there
// is refused.
func placeKeyFile(cfg Config, key []byte, fromFile bool) error {
	if !fromFile {
		return nil
	}
	path := cfg.KeyFile()
	if old, err := secret.LoadKey(path); err == nil {
		if hex.EncodeToString(old) != hex.EncodeToString(key) {
			return usageError{"copy: " + path + " holds another key; move it away or copy elsewhere"}
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600)
}

// copyEnd is a store as dbcopy reads and writes it.
func copyEnd(st comment.Store) (dbcopy.Target, error) {
	switch s := st.(type) {
	case *sqlite.Store:
		return s, nil
	case *postgres.Store:
		return s, nil
	}
	return nil, fmt.Errorf("copy: no copier for %T", st)
}
