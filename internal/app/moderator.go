package app

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"balasan/internal/auth"
	"balasan/internal/comment"
)

// moderatorCmd runs `balasan moderator add`.
func moderatorCmd(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return usageError{usage}
	}
	return moderatorAdd(ctx, env, args[1:])
}

// moderatorAdd creates an account, reading its password from one line of
// standard input so it never shows in the process list or shell history.
func moderatorAdd(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("balasan moderator add", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	username := fs.String("username", "", "account name")
	role := fs.String("role", "moderator", "admin or moderator")
	db := fs.String("db", "", "SQLite file or postgres:// URL (default $BALASAN_DB or data/balasan.db)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	name, err := comment.CleanUsername(*username)
	if err != nil {
		return usageError{fmt.Sprintf("moderator add: --username is required: at most %d characters, no spaces nor < > \" ' & /", comment.MaxUsernameLen)}
	}
	r, ok := comment.ParseRole(*role)
	if !ok {
		return usageError{"moderator add: --role must be admin or moderator"}
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return usageError{"moderator add: give the password on standard input"}
	}
	password := strings.TrimRight(line, "\r\n")
	if comment.CheckPassword(password) != nil {
		return usageError{fmt.Sprintf("moderator add: the password must have at least %d characters", comment.MinPasswordLen)}
	}
	cfg, err := commandConfig(env, *db)
	if err != nil {
		return err
	}
	st, _, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	m := &comment.Moderator{Username: name, PasswordHash: hash, Role: r, Lang: "id", CreatedAt: time.Now()}
	if err := st.CreateModerator(ctx, m); err != nil {
		if comment.ErrorCode(err) == comment.EConflict {
			return fmt.Errorf("moderator add: username %q is taken", name)
		}
		return err
	}
	fmt.Fprintf(env.Stdout, "Added %s %q.\n", r, name)
	return nil
}
