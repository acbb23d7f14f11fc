package modapi

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// commentJSON is a comment as a moderator sees it. Email, IP and user
// agent are filled only for one comment (GET /api/v1/comments/{id}): a
// page of the queue does without them, so a tool that lists never holds
// a batch of readers' addresses.
type commentJSON struct {
	ID          int64     `json:"id"`
	Article     string    `json:"article"`
	ParentID    int64     `json:"parent_id"`
	Author      string    `json:"author"`
	AuthorURL   string    `json:"author_url"`
	Email       *string   `json:"email,omitempty"`
	IP          *string   `json:"ip,omitempty"`
	UserAgent   *string   `json:"user_agent,omitempty"`
	Status      string    `json:"status"`
	Reason      string    `json:"reason"`
	SpamScore   *float64  `json:"spam_score"`
	Staff       bool      `json:"staff"`
	ContentHTML string    `json:"content_html"`
	ContentRaw  string    `json:"content_raw"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	Actions     []string  `json:"actions"`
}

func toJSON(c comment.Comment, private bool) commentJSON {
	out := commentJSON{ID: c.ID, Article: c.ArticleKey, ParentID: c.ParentID, Author: c.Author, AuthorURL: c.AuthorURL,
		Status: string(c.Status), Reason: c.Reason, SpamScore: c.SpamScore, Staff: c.Staff, ContentHTML: c.HTML,
		ContentRaw: c.Raw, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, Actions: []string{}}
	if private {
		out.Email, out.IP, out.UserAgent = &c.Email, &c.IP, &c.UserAgent
	}
	for _, a := range comment.ActionsFor(c.Status) {
		out.Actions = append(out.Actions, string(a))
	}
	return out
}

// articleJSON is an article as the API shows it.
type articleJSON struct {
	Key           string    `json:"key"`
	Title         string    `json:"title"`
	URL           string    `json:"url"`
	Verified      bool      `json:"verified"`
	State         string    `json:"comment_status"`
	CommentsOpen  bool      `json:"comments_open"`
	ApprovedCount int       `json:"approved_count"`
	CreatedAt     time.Time `json:"created_at"`
}

func (h *Handler) articleJSON(a comment.Article, approved int) articleJSON {
	return articleJSON{Key: a.Key, Title: a.Title, URL: a.URL, Verified: a.Verified, State: string(a.State),
		CommentsOpen: a.Open(h.now(), h.Service.Config.CloseAfter), ApprovedCount: approved, CreatedAt: a.CreatedAt}
}

// bindJSON decodes a JSON body into v: another type is 415, a body that
// is not JSON (or has trailing data) 400, a field of the wrong type 422
// naming the field.
func bindJSON(c echo.Context, v any) error {
	if mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType)); mt != echo.MIMEApplicationJSON {
		return echo.NewHTTPError(http.StatusUnsupportedMediaType)
	}
	dec := json.NewDecoder(c.Request().Body)
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data")
	}
	var typeErr *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooBig):
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fieldError(firstName(typeErr.Field), "text_invalid")
	}
	var he *echo.HTTPError
	if errors.As(err, &he) { // the body limit
		return he
	}
	return echo.NewHTTPError(http.StatusBadRequest, "bad_request")
}

// firstName is the top-level field of a decoder's path ("ids.2" → "ids").
func firstName(path string) string {
	for i := range len(path) {
		if path[i] == '.' {
			return path[:i]
		}
	}
	return path
}

func fieldError(field, key string) error {
	return &comment.Error{Code: comment.EInvalid, Key: "invalid", Fields: map[string]string{field: key}}
}

// idParam reads the {id} of a path: not a positive number is 404, as an
// id that does not exist.
func idParam(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, comment.Errorf(comment.ENotFound, "not_found")
	}
	return id, nil
}

// queryInt reads an optional whole-number query value in [lo, hi]; out
// of it is 422 with key on the field.
func queryInt(c echo.Context, name string, lo, hi int64, def int64, key string) (int64, error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < lo || n > hi {
		return 0, fieldError(name, key)
	}
	return n, nil
}

// cursor is the "next" of a page: null on the last.
func cursor(full bool, next string) *string {
	if !full {
		return nil
	}
	return &next
}
