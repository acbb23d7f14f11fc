package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"balasan/internal/server"
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
	var help helpRequest
	if errors.As(err, &help) {
		fmt.Fprint(env.Stdout, help.text)
		return 0
	}
	fmt.Fprintln(env.Stderr, "balasan:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// usageError is a command used wrongly: its message (with the usage that
// helps) goes to standard error and the exit code is 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// helpRequest is -h or help: its text goes to standard output, exit 0.
type helpRequest struct{ text string }

func (h helpRequest) Error() string { return "help requested" }

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
	// slog's JSON lines, the access line written without reflection.
	return slog.New(server.NewJSONHandler(w))
}
