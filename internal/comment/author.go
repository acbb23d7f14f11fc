package comment

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Author tokens prove, under the trusted policy, that a submission comes
// from the writer of earlier comments, not from someone who only knows
// their email address. The answer to each stored submission carries a
// token naming that comment (and the ones the browser proved before); the
// browser sends it back with its next submission. The token is
//
//	a1.ID[-ID…].MAC    MAC = HMAC-SHA256(key, "author-token:" + "ID[-ID…]")
//
// It holds only comment ids, newest first, at most maxAuthorProofs: a
// browser that wrote one approved comment and then some still pending
// keeps its proof. A token proves nothing by itself: the submission is
// trusted only when one of its comments is approved and has the same
// email as the new one, so a token got for a comment typed under someone
// else's address is worth nothing until a moderator approved that comment.
const (
	authorTokenPrefix = "a1."
	maxAuthorProofs   = 5
	// MaxAuthorToken bounds the token as it enters.
	MaxAuthorToken = 200
)

// AuthorToken signs a list of comment ids.
func AuthorToken(key []byte, ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	list := strings.Join(parts, "-")
	return authorTokenPrefix + list + "." + authorMAC(key, list)
}

// ParseAuthorToken returns the ids a token signs, or nil for a missing,
// malformed or forged one.
func ParseAuthorToken(key []byte, token string) []int64 {
	if len(token) > MaxAuthorToken || !strings.HasPrefix(token, authorTokenPrefix) {
		return nil
	}
	list, mac, ok := strings.Cut(token[len(authorTokenPrefix):], ".")
	if !ok || list == "" || !hmac.Equal([]byte(mac), []byte(authorMAC(key, list))) {
		return nil
	}
	parts := strings.Split(list, "-")
	if len(parts) > maxAuthorProofs {
		return nil
	}
	ids := make([]int64, 0, len(parts))
	for _, p := range parts {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil || id <= 0 {
			return nil
		}
		ids = append(ids, id)
	}
	return ids
}

func authorMAC(key []byte, list string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("author-token:" + list))
	return hex.EncodeToString(m.Sum(nil))
}

// NextAuthorToken is the token to hand back after comment c was stored:
// c first, then the ids of the token the browser sent, if it was valid.
// It is "" unless the trusted policy is on (no cookie is set for nothing)
// and for every stored submission otherwise, spam included, so the answer
// looks the same whoever the author is.
func (s *Service) NextAuthorToken(sent string, c Comment) string {
	if s.Live().Policy != PolicyTrusted || c.ID <= 0 {
		return ""
	}
	ids := []int64{c.ID}
	for _, id := range ParseAuthorToken(s.Config.StampKey, sent) {
		if len(ids) == maxAuthorProofs {
			break
		}
		if id != c.ID {
			ids = append(ids, id)
		}
	}
	return AuthorToken(s.Config.StampKey, ids)
}

// provenAuthor reports whether token proves that c's author wrote an
// approved comment with the same email. Nothing is looked up by email,
// so how long it takes and what it answers tell nothing about whether an
// address is known.
func (s *Service) provenAuthor(ctx context.Context, c *Comment, token string) (bool, error) {
	for _, id := range ParseAuthorToken(s.Config.StampKey, token) {
		p, err := s.Store.Comment(ctx, id)
		if ErrorCode(err) == ENotFound {
			continue
		} else if err != nil {
			return false, err
		}
		if p.Status == Approved && !p.Staff && p.Email != "" &&
			strings.EqualFold(strings.TrimSpace(p.Email), strings.TrimSpace(c.Email)) {
			return true, nil
		}
	}
	return false, nil
}
