package auth

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
)

// APITokenPrefix starts every moderation API token, so a leaked one is
// recognisable (by a secret scanner, in a log) and a string without it is
// refused before any lookup.
const APITokenPrefix = "bls_"

// apiTokenLen is the prefix and 32 random bytes in unpadded base64url.
var apiTokenLen = len(APITokenPrefix) + base64.RawURLEncoding.EncodedLen(32)

// NewAPIToken returns a new moderation API token and the hash to store
// (TokenHash): 256 random bits, so a fast hash is as safe as a slow one.
func NewAPIToken() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	token = APITokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, TokenHash(token)
}

// APITokenShape tells whether s could be a token NewAPIToken made.
func APITokenShape(s string) bool {
	if len(s) != apiTokenLen || !strings.HasPrefix(s, APITokenPrefix) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s[len(APITokenPrefix):])
	return err == nil
}
