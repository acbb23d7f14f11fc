package modapi

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// Document is the OpenAPI 3.1 description of the public and the
// moderation API, written by hand and kept honest by a test that checks
// real answers of every route against it.
//
//go:embed openapi.json
var Document []byte

// OpenAPI serves the document.
func OpenAPI(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSONCharsetUTF8, Document)
}
