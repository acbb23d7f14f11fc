package comment

import (
	"context"
	"strconv"
	"strings"
)

// ChatActions are the moderation buttons under a waiting comment posted to
// the newsroom's chat: the decisions a pending comment needs, and nothing
// that cannot be undone (no delete) from a phone in a hurry.
var ChatActions = []Action{ActApprove, ActSpam, ActTrash}

// ChatAction tells whether a may be taken from the chat.
func ChatAction(a Action) bool {
	for _, b := range ChatActions {
		if a == b {
			return true
		}
	}
	return false
}

// MaxTelegramID bounds a Telegram user id: Telegram documents them as
// fitting in 52 bits.
const MaxTelegramID = 1<<52 - 1

// ParseTelegramID reads a Telegram user id as an admin types it: digits,
// 1 to MaxTelegramID; empty is 0 (no link). Anything else is EInvalid
// "telegram_id_invalid".
func ParseTelegramID(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > MaxTelegramID || strings.TrimLeft(s, "0123456789") != "" {
		return 0, Errorf(EInvalid, "telegram_id_invalid")
	}
	return n, nil
}

// LinkTelegram lets the Telegram user telegramID act as account m from the
// chat (0 removes the link), audited under by. Only admins link: whoever
// is linked moderates as m.
func (s *Service) LinkTelegram(ctx context.Context, by, m Moderator, telegramID int64) error {
	if telegramID < 0 || telegramID > MaxTelegramID {
		return Errorf(EInvalid, "telegram_id_invalid")
	}
	detail := m.Username + " → -"
	if telegramID > 0 {
		detail = m.Username + " → " + strconv.FormatInt(telegramID, 10)
	}
	a := s.audit(by, "moderator_telegram", 0, "")
	a.Detail = detail
	return s.Store.LinkTelegram(ctx, m.ID, telegramID, a)
}

// ModerateFromChat applies a button pressed in the chat by the Telegram
// user telegramID: only a user linked to an enabled account may act, and
// the act is that account's, through Moderate (audited under its name,
// with the same jobs and cache changes as in the dashboard). A user with
// no link, or a disabled account, is EForbidden "telegram_unlinked" and
// nothing changes. A button acts only on a comment still pending: a
// message read late must not approve what a colleague has since thrown
// in the trash (EConflict "chat_already_moderated").
func (s *Service) ModerateFromChat(ctx context.Context, telegramID, commentID int64, a Action) (Comment, Moderator, error) {
	if !ChatAction(a) {
		return Comment{}, Moderator{}, Errorf(EInvalid, "bad_request")
	}
	m, err := s.Store.ModeratorByTelegram(ctx, telegramID)
	if ErrorCode(err) == ENotFound || (err == nil && m.Disabled) {
		return Comment{}, Moderator{}, Errorf(EForbidden, "telegram_unlinked")
	} else if err != nil {
		return Comment{}, Moderator{}, err
	}
	c, err := s.Store.Comment(ctx, commentID)
	if err != nil {
		return Comment{}, m, err
	}
	if c.Status != Pending {
		return c, m, Errorf(EConflict, "chat_already_moderated")
	}
	c, err = s.Moderate(ctx, commentID, a, m)
	return c, m, err
}
