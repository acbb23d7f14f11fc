package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"balasan/internal/comment"
	"balasan/internal/sqlite"
)

// newFlags makes a command's flag set: -h prints synopsis and flags on
// standard output (exit 0), a bad flag or value is returned with them
// (standard error, exit 2); the flag package itself prints nothing.
func newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// usageOf is the text fs.Usage prints.
func usageOf(fs *flag.FlagSet) string {
	var b strings.Builder
	fs.SetOutput(&b)
	fs.Usage()
	fs.SetOutput(io.Discard)
	return b.String()
}

// badUsage says what is wrong with a command's arguments, then its usage.
func badUsage(fs *flag.FlagSet, format string, a ...any) error {
	return usageError{fmt.Sprintf(format, a...) + "\n" + strings.TrimRight(usageOf(fs), "\n")}
}

// parseArgs parses flags that may come before or after the positional
// arguments ("import wxr FILE --db X" as well as "import wxr --db X FILE").
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, helpRequest{usageOf(fs)}
		} else if err != nil {
			return nil, badUsage(fs, "%s: %v", fs.Name(), err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// noArgs parses the flags of a command that takes no other argument.
func noArgs(fs *flag.FlagSet, args []string) error {
	pos, err := parseArgs(fs, args)
	if err == nil && len(pos) > 0 {
		err = badUsage(fs, "%s: unexpected argument %q", fs.Name(), pos[0])
	}
	return err
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
