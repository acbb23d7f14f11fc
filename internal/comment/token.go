package comment

import (
	"context"
	"time"
)

// Token is a key of the moderation API (balasan token create): a name, a
// role as an account has, and only the hash of its secret, which is
// printed once and never stored.
type Token struct {
	ID        int64
	Name      string
	Role      Role
	Hash      string // SHA-256 of the secret, hex
	CreatedAt time.Time
	LastUsed  time.Time // zero: never used
}

// Tokens is the moderation API's keys.
type Tokens interface {
	// CreateToken stores a new token and sets its ID; a taken name (in
	// any case) is EConflict "token_name_taken".
	CreateToken(ctx context.Context, t *Token) error
	// TokenByHash returns the token whose secret hashes to hash
	// (ENotFound: none, or revoked).
	TokenByHash(ctx context.Context, hash string) (Token, error)
	// APITokens lists every token by name, without anything secret
	// beyond the hash.
	APITokens(ctx context.Context) ([]Token, error)
	// RevokeToken deletes the token of that name (any case) with its
	// audit entry; ENotFound when there is none.
	RevokeToken(ctx context.Context, name string, audit AuditEntry) error
	// TouchToken records when a token was last used.
	TouchToken(ctx context.Context, id int64, at time.Time) error
}

// TokenActorPrefix starts the name under which a token's acts are
// audited ("token:NAME"), so the log never mixes a tool with an account
// of the same name.
const TokenActorPrefix = "token:"

// CleanTokenName trims a token's name and checks it has an account name's
// shape (see CleanUsername): 1 to MaxUsernameLen characters, no space and nothing that
// needs escaping. The error is EInvalid "token_name_invalid".
func CleanTokenName(s string) (string, error) {
	name, err := CleanUsername(s)
	if err != nil {
		return "", Errorf(EInvalid, "token_name_invalid")
	}
	return name, nil
}

// Actor is who a token acts as: an account of the token's role with no
// id, audited as "token:NAME", whose public replies carry the name.
func (t Token) Actor() Moderator {
	return Moderator{Username: TokenActorPrefix + t.Name, DisplayName: t.Name, Role: t.Role, Lang: "id", CreatedAt: t.CreatedAt}
}

// TouchEvery is how stale a token's "last used" may get before a request
// records it again: a write per request would cost more than the
// answer's precision is worth.
const TouchEvery = time.Minute

// NeedsTouch tells whether a use at now should be recorded.
func (t Token) NeedsTouch(now time.Time) bool { return now.Sub(t.LastUsed) >= TouchEvery }
