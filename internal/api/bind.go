package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// Names of our own form fields beside WordPress's.
const (
	fieldHoneypot = "bls_hp"
	fieldStamp    = "bls_ts"
	fieldRedirect = "redirect_to"
)

// submission is the request as bound, before it becomes comment.Input.
type submission struct {
	in       comment.Input
	redirect string
}

// bind reads a form or JSON body; any other type is 415 and broken JSON 400.
func bind(c echo.Context) (submission, error) {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get("Content-Type"))
	switch mt {
	case "application/x-www-form-urlencoded", "multipart/form-data":
		return bindForm(c)
	case "application/json":
		return bindJSON(c)
	}
	return submission{}, echo.NewHTTPError(http.StatusUnsupportedMediaType)
}

func bindForm(c echo.Context) (submission, error) {
	var err error
	if strings.HasPrefix(c.Request().Header.Get("Content-Type"), "multipart/") {
		err = c.Request().ParseMultipartForm(1 << 20)
	} else {
		err = c.Request().ParseForm()
	}
	if err != nil {
		return submission{}, bodyError(err)
	}
	f := c.Request().PostForm
	return submission{
		in: comment.Input{
			ArticleKey: f.Get(comment.FieldKey), Author: f.Get(comment.FieldAuthor),
			Email: f.Get(comment.FieldEmail), URL: f.Get(comment.FieldURL),
			Content: f.Get(comment.FieldContent), Parent: f.Get(comment.FieldParent),
			Notify: truthy(f.Get("notify")), Honeypot: f.Get(fieldHoneypot), FormStamp: f.Get(fieldStamp),
		},
		redirect: f.Get(fieldRedirect),
	}, nil
}

// jsonBody has the form's field names; numbers and strings are both
// accepted where the contract says so.
type jsonBody struct {
	PostID   json.RawMessage `json:"comment_post_ID"`
	Author   json.RawMessage `json:"author"`
	Email    json.RawMessage `json:"email"`
	URL      json.RawMessage `json:"url"`
	Content  json.RawMessage `json:"comment"`
	Parent   json.RawMessage `json:"comment_parent"`
	Notify   json.RawMessage `json:"notify"`
	Honeypot json.RawMessage `json:"bls_hp"`
	Stamp    json.RawMessage `json:"bls_ts"`
	PageURL  json.RawMessage `json:"page_url"`
	Title    json.RawMessage `json:"page_title"`
	AuthorTk json.RawMessage `json:"author_token"`
}

func bindJSON(c echo.Context) (submission, error) {
	var b jsonBody
	dec := json.NewDecoder(c.Request().Body)
	if err := dec.Decode(&b); err != nil {
		return submission{}, bodyError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return submission{}, echo.NewHTTPError(http.StatusBadRequest, "bad_json")
	}
	bad := map[string]string{}
	text := func(name string, raw json.RawMessage) string {
		s, ok := scalar(raw)
		if !ok {
			bad[name] = "type_invalid"
		}
		return s
	}
	in := comment.Input{
		ArticleKey: text(comment.FieldKey, b.PostID), Author: text(comment.FieldAuthor, b.Author),
		Email: text(comment.FieldEmail, b.Email), URL: text(comment.FieldURL, b.URL),
		Content: text(comment.FieldContent, b.Content), Parent: text(comment.FieldParent, b.Parent),
		Honeypot: text(fieldHoneypot, b.Honeypot), FormStamp: text(fieldStamp, b.Stamp),
		PageURL: text("page_url", b.PageURL), PageTitle: text("page_title", b.Title),
		AuthorToken: text(fieldAuthorToken, b.AuthorTk),
	}
	notify, _ := scalar(b.Notify)
	in.Notify = truthy(notify)
	if len(bad) > 0 {
		return submission{}, &comment.Error{Code: comment.EInvalid, Key: "invalid", Fields: bad}
	}
	return submission{in: in}, nil
}

// scalar reads a JSON string, number or boolean as text; null or absent
// is empty; objects and arrays are refused.
func scalar(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	switch raw[0] {
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err == nil
	case 't', 'f':
		return string(raw), true
	case '{', '[':
		return "", false
	}
	if _, err := strconv.ParseFloat(string(raw), 64); err != nil {
		return "", false
	}
	return string(raw), true
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// bodyError tells a body over the limit (413) from a malformed one (400).
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	}
	if he, ok := err.(*echo.HTTPError); ok {
		return he
	}
	return echo.NewHTTPError(http.StatusBadRequest, "bad_json")
}
