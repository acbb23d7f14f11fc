package server

import (
	"time"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// overloaded is the answer when every submission slot is taken: 503 with
// Retry-After, so a burst is refused quickly instead of queueing without
// bound behind SQLite's single writer.
var overloaded = &comment.Error{Code: comment.EUnavailable, Key: "overloaded", RetryAfter: time.Second}

// ConcurrencyLimit lets at most n requests through at once; the next one
// is refused at once with 503 and Retry-After. n ≤ 0 means no limit.
// started and done (either may be nil) observe the requests let through.
func ConcurrencyLimit(n int, started, done func()) echo.MiddlewareFunc {
	if n <= 0 {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	slots := make(chan struct{}, n)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			select {
			case slots <- struct{}{}:
			default:
				return overloaded
			}
			if started != nil {
				started()
			}
			defer func() {
				<-slots
				if done != nil {
					done()
				}
			}()
			return next(c)
		}
	}
}
