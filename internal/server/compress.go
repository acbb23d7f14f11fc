package server

import (
	"compress/gzip"
	"strconv"

	"github.com/labstack/echo/v4"

	"balasan/internal/encoded"
)

// SendCompressed answers with a body built for this request alone (a
// reader's own preview, a rejected form, the demo page): gzip at the
// fastest level when the client accepts it and the body is worth it.
// Cached answers are compressed once instead (package encoded).
func SendCompressed(c echo.Context, status int, contentType string, body []byte) error {
	h := c.Response().Header()
	Vary(h, echo.HeaderAcceptEncoding)
	if len(body) >= encoded.MinSize && encoded.Negotiate(c.Request().Header.Get(echo.HeaderAcceptEncoding), false, true) == encoded.Gzip {
		body = encoded.GzipBytes(body, gzip.BestSpeed)
		h.Set(echo.HeaderContentEncoding, "gzip")
	}
	h.Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
	return c.Blob(status, contentType, body)
}

// RenderCompressed renders a template and sends it with SendCompressed.
func RenderCompressed(c echo.Context, status int, r *Renderer, name string, data any) error {
	body, err := r.Bytes(name, data)
	if err != nil {
		return err
	}
	return SendCompressed(c, status, echo.MIMETextHTMLCharsetUTF8, body)
}
