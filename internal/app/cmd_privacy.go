package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"balasan/internal/comment"
)

const privacyUsage = `balasan privacy export --email ADDR [--db FILE]            every comment of ADDR as JSON
       balasan privacy erase --email ADDR [--delete] [--db FILE]  anonymise them (or delete them)`

// cliModerator is who the audit log names for commands run on the server.
var cliModerator = comment.Moderator{Username: "cli"}

// privacyCmd serves readers' rights from the command line: export of
// someone's comments, and their erasure. Both are written to the audit log,
// which a running server watches to drop its public caches.
func privacyCmd(ctx context.Context, env Env, args []string) error {
	fs := newFlags("privacy", privacyUsage)
	email := fs.String("email", "", "the reader's email address")
	del := fs.Bool("delete", false, "erase: delete the comments instead of keeping their text")
	db := dbFlag(fs)
	pos, err := parseArgs(fs, args)
	switch {
	case err != nil:
		return err
	case len(pos) != 1 || (pos[0] != "export" && pos[0] != "erase"):
		return badUsage(fs, "privacy: want export or erase")
	case *email == "":
		return badUsage(fs, "privacy %s: --email is required", pos[0])
	case *del && pos[0] != "erase":
		return badUsage(fs, "privacy export: --delete is for erase only")
	}
	args = pos
	st, _, err := openExisting(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := &comment.Service{Store: st, Now: time.Now}
	if args[0] == "export" {
		recs, err := svc.PersonalData(ctx, *email, cliModerator)
		if err != nil {
			return privacyError(err)
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"email": *email, "comments": recs})
	}
	n, err := svc.Erase(ctx, *email, *del, cliModerator)
	if err != nil {
		return privacyError(err)
	}
	verb := "Anonymised"
	if *del {
		verb = "Deleted"
	}
	fmt.Fprintf(env.Stdout, "%s %d comment(s) of that address.\n", verb, n)
	if n > 0 {
		fmt.Fprintln(env.Stdout, "A running server drops its public caches within "+
			cacheWatchInterval.String()+"; a CDN in front keeps pages for its own max age (10 s by default).")
	}
	return nil
}

func privacyError(err error) error {
	if comment.ErrorCode(err) == comment.EInvalid {
		return usageError{"--email: not an email address"}
	}
	return err
}
