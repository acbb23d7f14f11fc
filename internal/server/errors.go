package server

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/i18n"
)

var statusOf = map[comment.Code]int{
	comment.EInvalid:      http.StatusUnprocessableEntity,
	comment.ENotFound:     http.StatusNotFound,
	comment.EConflict:     http.StatusConflict,
	comment.ETooMany:      http.StatusTooManyRequests,
	comment.EClosed:       http.StatusForbidden,
	comment.EUnauthorized: http.StatusUnauthorized,
	comment.EForbidden:    http.StatusForbidden,
	comment.EUnavailable:  http.StatusServiceUnavailable,
	comment.EInternal:     http.StatusInternalServerError,
}

// keyOfStatus names the message of errors echo itself raises.
var keyOfStatus = map[int]string{
	http.StatusBadRequest:            "bad_request",
	http.StatusUnauthorized:          "unauthorized",
	http.StatusForbidden:             "forbidden",
	http.StatusNotFound:              "not_found",
	http.StatusMethodNotAllowed:      "method",
	http.StatusRequestTimeout:        "slow_body",
	http.StatusRequestEntityTooLarge: "too_large",
	http.StatusUnsupportedMediaType:  "unsupported_type",
	http.StatusTooManyRequests:       "flood",
	http.StatusServiceUnavailable:    "unavailable",
}

// ErrorPage is the data of the HTML error page.
type ErrorPage struct {
	L       i18n.Lang
	Status  int
	Message string
}

// Failure is what an error means to a user: a status and a message key.
func Failure(err error) (status int, key string, e *comment.Error) {
	var ce *comment.Error
	var he *echo.HTTPError
	switch {
	case errors.As(err, &ce):
		return statusOf[ce.Code], ce.Key, ce
	case errors.As(err, &he):
		key, ok := keyOfStatus[he.Code]
		if msg, isText := he.Message.(string); isText && i18n.Has(msg) {
			key = msg
		} else if !ok {
			key = "internal"
		}
		return he.Code, key, nil
	}
	return http.StatusInternalServerError, "internal", nil
}

// ErrorHandler is the one place errors become answers: JSON for API
// clients, a page for browsers, always in the reader's language. Only
// unexpected errors are logged, without the request's data. Error pages
// may be framed only where the page that failed could be: by nobody on
// the dashboard, by the allowed article sites (origins) elsewhere.
func ErrorHandler(log *slog.Logger, origins ...string) echo.HTTPErrorHandler {
	publicCSP := errorCSP + "frame-ancestors 'self'"
	if len(origins) > 0 {
		publicCSP += " " + strings.Join(origins, " ")
	}
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status, key, ce := Failure(err)
		ctx := c.Request().Context()
		switch {
		case status == http.StatusServiceUnavailable && key == "overloaded":
			// counted in metrics; a line each would flood the log in a burst
		case status == http.StatusServiceUnavailable:
			// A full disk or a long-busy database needs an operator.
			log.WarnContext(ctx, "request refused", "error", err.Error(), "path", c.Request().URL.Path)
		case status >= 500:
			log.ErrorContext(ctx, "request failed", "error", err.Error(), "path", c.Request().URL.Path)
		}
		if ce != nil && ce.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(retryAfter(ce)))
		}
		if c.Request().Method == http.MethodHead {
			err = c.NoContent(status)
		} else if WantsJSON(c) {
			err = c.JSON(status, JSONError(Lang(c), key, ce))
		} else {
			frameErrorPage(c.Response().Header(), c.Request().URL.Path, publicCSP)
			err = c.Render(status, "public/error.html", ErrorPage{L: Lang(c), Status: status, Message: message(Lang(c), key, ce)})
		}
		if err != nil {
			log.ErrorContext(ctx, "write error response", "error", err.Error())
		}
	}
}

// errorCSP is the error page's policy but for framing: it loads only our
// stylesheet and runs nothing.
const errorCSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "

// frameErrorPage sets the error page's CSP. A dashboard error (a 404, a
// refused token) is framed by nobody, as the dashboard itself: it keeps
// the dashboard's own policy when that was set (it forbids framing), and
// gets a strict one when the request failed before. A public error
// replaces the failed page's policy with the error page's own.
func frameErrorPage(h http.Header, path, publicCSP string) {
	if path == "/admin" || strings.HasPrefix(path, "/admin/") {
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			h.Set("Content-Security-Policy", errorCSP+"frame-ancestors 'none'")
		}
		h.Set("X-Frame-Options", "DENY")
		return
	}
	h.Set("Content-Security-Policy", publicCSP)
}

// JSONError is the JSON body of an error: a message, a machine code, and
// per-field messages for invalid input.
func JSONError(l i18n.Lang, key string, ce *comment.Error) map[string]any {
	body := map[string]any{"error": message(l, key, ce), "code": key}
	if ce != nil && len(ce.Fields) > 0 {
		fields := make(map[string]string, len(ce.Fields))
		for f, k := range ce.Fields {
			fields[f] = l.T(k)
		}
		body["errors"] = fields
	}
	return body
}
