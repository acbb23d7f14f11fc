package dashboard

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/server"
)

// change is one comment's move from one status to another ("" when it
// was deleted).
type change struct {
	id       int64
	from, to comment.Status
}

// plannedChanges reads the comments an action is about to touch and
// works out where each goes, so that the answer can offer an Undo for
// exactly the comments that moved.
func (h *Handler) plannedChanges(ctx context.Context, ids []int64, a comment.Action) ([]change, error) {
	before, err := h.Store.CommentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []change
	for _, id := range ids {
		cm, ok := before[id]
		if !ok {
			continue
		}
		to, _ := a.Next(cm.Status, cm.PrevStatus)
		if a == comment.ActDelete {
			to = ""
		}
		out = append(out, change{id, cm.Status, to})
	}
	return out, nil
}

// newFlash reports a change of n comments; it offers an Undo when every
// moved comment is undone by the same action (one view's comments are).
func (h *Handler) newFlash(a comment.Action, n int, changes []change, undone bool) flash {
	f := flash{Action: a, Count: n, Undone: undone, At: h.Now()}
	if undone {
		return f
	}
	for _, ch := range changes {
		u, ok := comment.Undo(ch.from, ch.to)
		if !ok {
			continue
		}
		if f.Undo != "" && u != f.Undo {
			return flash{Action: a, Count: n, At: f.At}
		}
		f.Undo = u
		f.IDs = append(f.IDs, ch.id)
	}
	if len(f.IDs) > maxUndoIDs {
		f.Undo, f.IDs = "", nil
	}
	return f
}

// answer tells the browser what a change did: JSON with the words, the
// Undo and the new counts for the script; else a 303 back to the page,
// carrying the signed flash.
func (h *Handler) answer(c echo.Context, f flash, body map[string]any) error {
	secret := session(c).CSRF
	if server.WantsJSON(c) {
		body["message"] = f.Message(server.Lang(c))
		body["flash"] = f.encode(secret)
		if f.Undo != "" {
			body["undo"] = map[string]any{"action": string(f.Undo), "ids": f.IDs}
		}
		return h.jsonWithCounts(c, body)
	}
	return c.Redirect(http.StatusSeeOther, withFlash(back(c), f, secret))
}

// withFlash puts the flash into a local dashboard URL in place of an
// older one. A one-comment page whose comment was deleted is gone: the
// flash goes to the queue instead.
func withFlash(to string, f flash, secret string) string {
	u, err := url.Parse(to)
	if err != nil {
		u = &url.URL{Path: "/admin/comments"}
	}
	q := u.Query()
	if strings.HasPrefix(u.Path, "/admin/comments/") && f.Action == comment.ActDelete {
		u.Path, q = "/admin/comments", url.Values{}
	}
	q.Set("done", f.encode(secret))
	return u.Path + "?" + q.Encode()
}

// pageFlash is the flash a page was sent with, when this session signed it.
func (h *Handler) pageFlash(c echo.Context) *flash {
	f, ok := parseFlash(c.QueryParam("done"), session(c).CSRF, h.Now())
	if !ok {
		return nil
	}
	return &f
}
