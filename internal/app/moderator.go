package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"balasan/internal/auth"
	"balasan/internal/comment"
)

// moderatorVerbs are the verbs of `balasan moderator`.
var moderatorVerbs = []verb{
	{"add", [2]string{"moderator add --username NAME [--role admin|moderator]", "new account; password from standard input (a prompt on a terminal)"}, moderatorAdd},
	{"list", [2]string{"moderator list", "every account: name, role, disabled, created"}, moderatorList},
	{"passwd", [2]string{"moderator passwd --username NAME", "new password (as add); ends that account's sessions"}, moderatorPasswd},
	{"telegram", [2]string{"moderator telegram --username NAME --telegram-id ID", "the Telegram user who moderates from the chat as NAME (ID 0: none)"}, moderatorTelegram},
}

// moderatorCmd runs `balasan moderator add|list|passwd|telegram`.
func moderatorCmd(ctx context.Context, env Env, args []string) error {
	return runVerb(ctx, env, "moderator", moderatorVerbs, args)
}

// moderatorAdd creates an account, reading its password from standard
// input so it never shows in the process list or shell history.
func moderatorAdd(ctx context.Context, env Env, args []string) error {
	fs := newFlags("moderator add", "balasan moderator add --username NAME [--role admin|moderator] [--db FILE]")
	username := fs.String("username", "", fmt.Sprintf("account name (at most %d characters)", comment.MaxUsernameLen))
	role := fs.String("role", "moderator", "admin or moderator")
	db := dbFlag(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	name, err := comment.CleanUsername(*username)
	if err != nil {
		return badUsage(fs, "moderator add: --username is required: at most %d characters, no spaces nor < > \" ' & /", comment.MaxUsernameLen)
	}
	r, ok := comment.ParseRole(*role)
	if !ok {
		return badUsage(fs, "moderator add: --role must be admin or moderator, not %q", *role)
	}
	password, err := readPassword(env, "moderator add")
	if err != nil {
		return err
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

// moderatorList prints every account, without anything secret.
func moderatorList(ctx context.Context, env Env, args []string) error {
	fs := newFlags("moderator list", "balasan moderator list [--db FILE]")
	db := dbFlag(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	st, _, err := openExisting(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	ms, err := st.Moderators(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tROLE\tDISABLED\tCREATED")
	for _, m := range ms {
		disabled := "no"
		if m.Disabled {
			disabled = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.Username, m.Role, disabled, m.CreatedAt.UTC().Format("2006-01-02 15:04 UTC"))
	}
	return tw.Flush()
}

// moderatorPasswd sets a new password and ends the account's sessions, so
// whoever knew the old one is logged out; the audit log records it.
func moderatorPasswd(ctx context.Context, env Env, args []string) error {
	fs := newFlags("moderator passwd", "balasan moderator passwd --username NAME [--db FILE]")
	username := fs.String("username", "", "account name")
	db := dbFlag(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if *username = strings.TrimSpace(*username); *username == "" {
		return badUsage(fs, "moderator passwd: --username is required")
	}
	st, _, err := openExisting(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := st.ModeratorByName(ctx, *username)
	if comment.ErrorCode(err) == comment.ENotFound {
		return fmt.Errorf("moderator passwd: no account %q (balasan moderator list shows them)", *username)
	} else if err != nil {
		return err
	}
	password, err := readPassword(env, "moderator passwd")
	if err != nil {
		return err
	}
	if m.PasswordHash, err = auth.HashPassword(password); err != nil {
		return err
	}
	if err := st.UpdateModerator(ctx, m, true); err != nil {
		return err
	}
	if err := st.AddAudit(ctx, comment.AuditEntry{Moderator: cliModerator.Username, Action: "moderator_password",
		Detail: m.Username + " (" + string(m.Role) + ")", CreatedAt: time.Now()}); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "New password set for %q; its sessions are ended.\n", m.Username)
	return nil
}

// readPassword reads a new password: on a terminal, typed twice at a
// prompt without echo; from a pipe, one line as scripts send it.
func readPassword(env Env, cmd string) (string, error) {
	var password string
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		first, err := promptHidden(f, env.Stderr, "New password: ")
		if err != nil {
			return "", err
		}
		again, err := promptHidden(f, env.Stderr, "Again: ")
		if err != nil {
			return "", err
		}
		if first != again {
			return "", usageError{cmd + ": the two passwords differ"}
		}
		password = first
	} else {
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
			return "", usageError{cmd + ": give the password on standard input (one line)"}
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if comment.CheckPassword(password) != nil {
		return "", usageError{fmt.Sprintf("%s: the password must have at least %d characters", cmd, comment.MinPasswordLen)}
	}
	return password, nil
}

// promptHidden asks on w and reads one line from the terminal f with echo
// turned off.
func promptHidden(f *os.File, w io.Writer, prompt string) (string, error) {
	fmt.Fprint(w, prompt)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(w)
	return string(b), err
}
