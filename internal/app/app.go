package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// Env is what a command may use of its process: arguments, environment
// and standard streams, so tests can run commands in-process.
type Env struct {
	Args   []string
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Run runs the command in env.Args (without the program name) and returns
// the exit code.
func Run(ctx context.Context, env Env) int {
	err := dispatch(ctx, env)
	if err == nil {
		return 0
	}
	fmt.Fprintln(env.Stderr, "balasan:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

const usage = `usage:
  balasan [serve] [flags]                       run the server (balasan serve -h lists every setting)
  balasan moderator add --username NAME [--role admin|moderator]   password read from standard input
  balasan import wxr|disqus FILE                 import a WordPress (WXR) or Disqus export
  balasan export --format wxr|json [--out FILE]  everything out again (standard output by default)
  balasan privacy export|erase --email ADDR [--delete]   a reader's comments as JSON, or erase them
  balasan backup FILE                            consistent copy of the live database`

func dispatch(ctx context.Context, env Env) error {
	args := env.Args
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return serve(ctx, env, args)
	}
	switch args[0] {
	case "serve":
		return serve(ctx, env, args[1:])
	case "help", "-h", "--help":
		fmt.Fprintln(env.Stdout, usage)
		return nil
	}
	if cmd, ok := extraCommands[args[0]]; ok {
		return cmd(ctx, env, args[1:])
	}
	return usageError{usage}
}

// extraCommands are the subcommands beside serve, each in its own file.
var extraCommands = map[string]func(context.Context, Env, []string) error{
	"moderator": moderatorCmd,
	"import":    importCmd,
	"export":    exportCmd,
	"privacy":   privacyCmd,
	"backup":    backupCmd,
}

// newLogger writes text on a terminal and JSON elsewhere, as operators'
// log collectors expect.
func newLogger(cfg Config, w io.Writer) *slog.Logger {
	format := cfg.LogFormat
	if format == "" {
		format = "json"
		if f, ok := w.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}
