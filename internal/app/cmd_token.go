package app

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"balasan/internal/auth"
	"balasan/internal/comment"
)

// tokenVerbs are the verbs of `balasan token`.
var tokenVerbs = []verb{
	{"create", [2]string{"token create --name NAME [--role moderator|admin]", "a moderation API token, printed once (only its hash is kept)"}, tokenCreate},
	{"list", [2]string{"token list", "every token: name, role, created, last used (never the token)"}, tokenList},
	{"revoke", [2]string{"token revoke --name NAME", "the token stops working at once"}, tokenRevoke},
}

// tokenCmd runs `balasan token create|list|revoke`.
func tokenCmd(ctx context.Context, env Env, args []string) error {
	return runVerb(ctx, env, "token", tokenVerbs, args)
}

// tokenCreate makes a token and prints it once on standard output, alone
// (TOKEN=$(balasan token create ...) works); the note goes to stderr.
func tokenCreate(ctx context.Context, env Env, args []string) error {
	fs := newFlags("token create", "balasan token create --name NAME [--role moderator|admin] [--db FILE]")
	name := fs.String("name", "", fmt.Sprintf("the token's name, audited as token:NAME (at most %d characters)", comment.MaxUsernameLen))
	role := fs.String("role", "moderator", "moderator or admin: what the token may do, as an account of that role")
	db := dbFlag(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	n, err := comment.CleanTokenName(*name)
	if err != nil {
		return badUsage(fs, "token create: --name is required: at most %d characters, no spaces nor < > \" ' & /", comment.MaxUsernameLen)
	}
	r, ok := comment.ParseRole(*role)
	if !ok {
		return badUsage(fs, "token create: --role must be moderator or admin, not %q", *role)
	}
	st, _, err := openExisting(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	secret, hash := auth.NewAPIToken()
	t := &comment.Token{Name: n, Role: r, Hash: hash, CreatedAt: time.Now()}
	if err := st.CreateToken(ctx, t); err != nil {
		if comment.ErrorCode(err) == comment.EConflict {
			return fmt.Errorf("token create: a token named %q exists (balasan token list shows them)", n)
		}
		return err
	}
	if err := st.AddAudit(ctx, comment.AuditEntry{Moderator: cliModerator.Username, Action: "token_create",
		Detail: n + " (" + string(r) + ")", CreatedAt: time.Now()}); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, secret)
	fmt.Fprintf(env.Stderr, "Token %q (%s) made. It is shown only this once: keep it now. "+
		"Send it as \"Authorization: Bearer TOKEN\".\n", n, r)
	return nil
}

// tokenList prints every token without its secret, which is not kept.
func tokenList(ctx context.Context, env Env, args []string) error {
	fs := newFlags("token list", "balasan token list [--db FILE]")
	db := dbFlag(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	st, _, err := openExisting(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.APITokens(ctx)
	if err != nil {
		return err
	}
	const when = "2006-01-02 15:04 UTC"
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tCREATED\tLAST USED")
	for _, t := range list {
		used := "never"
		if !t.LastUsed.IsZero() {
			used = t.LastUsed.UTC().Format(when)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.Name, t.Role, t.CreatedAt.UTC().Format(when), used)
	}
	return tw.Flush()
}

// tokenRevoke deletes a token; its next request is refused (401).
func tokenRevoke(ctx context.Context, env Env, args []string) error {
	fs := newFlags("token revoke", "balasan token revoke --name NAME [--db FILE]")
	name := fs.String("name", "", "the token's name")
	db := dbFlag(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if *name = strings.TrimSpace(*name); *name == "" {
		return badUsage(fs, "token revoke: --name is required")
	}
	st, _, err := openExisting(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	err = st.RevokeToken(ctx, *name, comment.AuditEntry{Moderator: cliModerator.Username, Action: "token_revoke",
		Detail: *name, CreatedAt: time.Now()})
	if comment.ErrorCode(err) == comment.ENotFound {
		return fmt.Errorf("token revoke: no token %q (balasan token list shows them)", *name)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Token %q revoked.\n", *name)
	return nil
}
