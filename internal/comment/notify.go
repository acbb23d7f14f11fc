package comment

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Purposes of signed reply-mail links; each signs a different message so a
// confirmation link can never be replayed as an unsubscribe link.
const (
	LinkConfirm     = "notify-confirm"
	LinkUnsubscribe = "notify-unsubscribe"
)

// LinkToken signs a reply-mail link for one comment: the same HMAC the
// secret box's Sign makes, with its signing key.
func LinkToken(key []byte, purpose string, id int64) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(purpose + ":" + strconv.FormatInt(id, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// checkLink verifies a signed reply-mail link.
func (s *Service) checkLink(purpose string, id int64, token string) error {
	if id <= 0 || !hmac.Equal([]byte(token), []byte(LinkToken(s.Config.StampKey, purpose, id))) {
		return Errorf(ENotFound, "link_invalid")
	}
	return nil
}

// ConfirmNotify completes the double opt-in of reply mail: only the owner
// of the address got the signed link.
func (s *Service) ConfirmNotify(ctx context.Context, id int64, token string) error {
	if err := s.checkLink(LinkConfirm, id, token); err != nil {
		return err
	}
	ok, err := s.Store.ConfirmNotify(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return Errorf(ENotFound, "link_invalid")
	}
	return nil
}

// Unsubscribe stops reply mail to the address of comment id, for all its
// comments: whoever clicks "unsubscribe" wants no more of our mail.
func (s *Service) Unsubscribe(ctx context.Context, id int64, token string) error {
	if err := s.checkLink(LinkUnsubscribe, id, token); err != nil {
		return err
	}
	return s.Store.StopNotify(ctx, id)
}

// CheckLink reports whether token is a valid link of purpose for id,
// without changing anything (the unsubscribe page shows a button first).
func (s *Service) CheckLink(purpose string, id int64, token string) error {
	return s.checkLink(purpose, id, token)
}
