package server

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
)

// BodyReadTimeout is how long a request's body may take to arrive once
// its headers are in. A comment of a few kilobytes comes in well under a
// second even on a poor mobile link; a client sending a byte a second is
// cut off here instead of holding a submission slot.
const BodyReadTimeout = 5 * time.Second

// ReadBody reads the whole body (at most max bytes, else 413) under its
// own read deadline (else 408) before the next handler runs, which then
// reads it from memory. Put it before any cap on concurrent requests, so
// a slot is only ever taken by a request whose body has arrived.
func ReadBody(max int64, timeout time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.ContentLength > max {
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
			}
			body, err := readBody(c, max, timeout)
			if err != nil {
				return err
			}
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
			return next(c)
		}
	}
}

// readBody reads up to max bytes within timeout. The connection's read
// deadline is cleared again at once: net/http reads on in the background
// once a body is done, and a deadline passing then would cancel the
// request's context halfway through storing the comment.
func readBody(c echo.Context, max int64, timeout time.Duration) ([]byte, error) {
	r := c.Request()
	rc := http.NewResponseController(c.Response())
	// Not every ResponseWriter has a connection (a recorder in tests);
	// then the server's own ReadTimeout is the only bound.
	if rc.SetReadDeadline(time.Now().Add(timeout)) == nil {
		defer rc.SetReadDeadline(time.Time{})
	}
	size := int64(bytes.MinRead)
	if r.ContentLength > 0 {
		size += r.ContentLength // one allocation for a body of known length
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	_, err := buf.ReadFrom(http.MaxBytesReader(c.Response().Writer, r.Body, max))
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return buf.Bytes(), nil
	case errors.As(err, &tooBig):
		return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	case errors.Is(err, os.ErrDeadlineExceeded):
		c.Response().Header().Set(echo.HeaderConnection, "close")
		return nil, echo.NewHTTPError(http.StatusRequestTimeout, "slow_body")
	}
	return nil, echo.NewHTTPError(http.StatusBadRequest, "bad_request")
}
