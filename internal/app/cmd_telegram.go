package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"balasan/internal/comment"
)

// moderatorTelegram links a Telegram user id to an account, as an admin
// does at /admin/moderators: that Telegram user's button presses in the
// newsroom's chat then act as the account. --telegram-id 0 unlinks it.
func moderatorTelegram(ctx context.Context, env Env, args []string) error {
	fs := newFlags("moderator telegram", "balasan moderator telegram --username NAME --telegram-id ID [--db FILE]")
	username := fs.String("username", "", "account name")
	tgID := fs.Int64("telegram-id", -1, "the Telegram user id (a number; the bot @userinfobot tells yours); 0 unlinks")
	db := dbFlag(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if *username = strings.TrimSpace(*username); *username == "" {
		return badUsage(fs, "moderator telegram: --username is required")
	}
	if *tgID < 0 || *tgID > comment.MaxTelegramID {
		return badUsage(fs, "moderator telegram: --telegram-id is required: a Telegram user id (a number), or 0 to unlink")
	}
	st, _, err := openExisting(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := st.ModeratorByName(ctx, *username)
	if comment.ErrorCode(err) == comment.ENotFound {
		return fmt.Errorf("moderator telegram: no account %q (balasan moderator list shows them)", *username)
	} else if err != nil {
		return err
	}
	svc := &comment.Service{Store: st}
	err = svc.LinkTelegram(ctx, cliModerator, m, *tgID)
	if comment.ErrorCode(err) == comment.EConflict {
		return fmt.Errorf("moderator telegram: Telegram id %d is linked to another account", *tgID)
	} else if err != nil {
		return err
	}
	if *tgID == 0 {
		fmt.Fprintf(env.Stdout, "%q is linked to no Telegram user now.\n", m.Username)
	} else {
		fmt.Fprintf(env.Stdout, "Telegram user %s now moderates from the chat as %q.\n", strconv.FormatInt(*tgID, 10), m.Username)
	}
	return nil
}
