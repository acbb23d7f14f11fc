package server

import (
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"
)

// Canonical header keys, so the per-request middleware below sets headers
// by map assignment: Header.Set canonicalises its key on every call, which
// was a tenth of a small cached read's cost.
const (
	keyRequestID = "X-Request-Id" // echo.HeaderXRequestID, canonical
	keyNoSniff   = "X-Content-Type-Options"
	keyReferrer  = "Referrer-Policy"
)

// AccessMessage is the message of the one line logged per request.
const AccessMessage = "request"

// requestLog gives each request its id and logs one line for it. The id is
// the client's X-Request-ID when it sends one (a proxy's, to follow a
// request through both logs), else a new one; it is answered in
// X-Request-Id and put into the request's context, so every log line
// written during the request carries it (see LogHandler).
//
// The line: path without query (a query may hold a search for an email),
// status, duration and request id. The error handler answers first, so
// the status logged is the one sent; the error is still returned up, as
// echo's own logger did, and the error handler skips a committed answer.
func requestLog(log *slog.Logger) echo.MiddlewareFunc {
	h := log.Handler()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req, res := c.Request(), c.Response()
			id := req.Header.Get(echo.HeaderXRequestID)
			if id == "" {
				id = requestID()
			}
			res.Header()[keyRequestID] = []string{id}
			ctx := WithRequestID(req.Context(), id)
			c.SetRequest(req.WithContext(ctx))
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			if !h.Enabled(ctx, slog.LevelInfo) {
				return err
			}
			path := req.URL.Path
			if path == "" {
				path = "/"
			}
			// The record goes to the handler directly: Logger.LogAttrs
			// would walk the stack for a source line no request line
			// shows. Four attributes and the id fit in the record itself.
			now := time.Now()
			r := slog.NewRecord(now, slog.LevelInfo, AccessMessage, 0)
			r.AddAttrs(slog.String("method", req.Method), slog.String("path", path), slog.Int("status", res.Status),
				slog.Float64("duration_ms", float64(now.Sub(start).Microseconds())/1000))
			if lerr := h.Handle(ctx, r); lerr != nil && err == nil {
				return lerr
			}
			return err
		}
	}
}

// The security headers' values, shared by every answer: nobody appends to
// them (Header.Add would copy a full slice before appending).
var (
	noSniff  = []string{"nosniff"}
	referrer = []string{"strict-origin-when-cross-origin"}
)

// securityHeaders go on every answer; pages add their own CSP.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h[keyNoSniff] = noSniff
		h[keyReferrer] = referrer
		return next(c)
	}
}
