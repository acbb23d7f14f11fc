package server

import (
	"math"

	"balasan/internal/comment"
	"balasan/internal/i18n"
)

// retryAfter is the Retry-After of an error, in whole seconds rounded up.
func retryAfter(ce *comment.Error) int { return int(math.Ceil(ce.RetryAfter.Seconds())) }

// message is an error's text; a flood refusal says how long to wait, the
// same seconds as its Retry-After.
func message(l i18n.Lang, key string, ce *comment.Error) string {
	if key == "flood" && ce != nil && ce.RetryAfter > 0 {
		return i18n.Flood(l, retryAfter(ce))
	}
	return l.T(key)
}
