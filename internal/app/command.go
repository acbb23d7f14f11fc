package app

import (
	"context"
	"flag"
	"io"
	"os"

	"balasan/internal/comment"
	"balasan/internal/sqlite"
)

// parseArgs parses flags that may come before or after the positional
// arguments ("import wxr FILE --db X" as well as "import wxr --db X FILE").
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// commandConfig is the configuration of a command run beside the server:
// the environment's settings, with the database from --db when given.
func commandConfig(env Env, db string) (Config, error) {
	var args []string
	if db != "" {
		args = []string{"-db", db}
	}
	cfg, err := ParseConfig(args, env.Getenv)
	if err != nil {
		return cfg, usageError{err.Error()}
	}
	return cfg, nil
}

// openExisting opens the store of a command run beside the server (the
// configuration from commandConfig), refusing to go on when the database
// file is missing, so a mistyped --db never exports, erases or backs up a
// new empty database. The caller closes the store.
func openExisting(ctx context.Context, env Env, db string) (comment.Store, Config, error) {
	cfg, err := commandConfig(env, db)
	if err != nil {
		return nil, cfg, err
	}
	if _, err := os.Stat(cfg.DB); err != nil && !cfg.Postgres() {
		return nil, cfg, usageError{"no database at " + cfg.DB + " (set --db or BALASAN_DB)"}
	}
	st, _, err := openStore(ctx, cfg)
	return st, cfg, err
}

// openSQLite is openExisting for commands that work on a SQLite file only.
func openSQLite(ctx context.Context, env Env, db, cmd string) (*sqlite.Store, Config, error) {
	st, cfg, err := openExisting(ctx, env, db)
	if err != nil {
		return nil, cfg, err
	}
	sq, ok := st.(*sqlite.Store)
	if !ok {
		st.Close()
		return nil, cfg, usageError{cmd + " works on a SQLite file (--db FILE), not on PostgreSQL"}
	}
	return sq, cfg, nil
}

// isTerminal reports whether w is a terminal, where a progress line helps.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// dbFlag adds the --db flag every command beside the server takes.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "SQLite file or postgres:// URL (default $BALASAN_DB or data/balasan.db)")
}
