package dashboard

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"balasan/internal/comment"
	"balasan/internal/i18n"
)

// A flash tells, on the page a change redirects to, what the change did
// and how to undo it: "3 komentar dipindahkan ke Sampah [Urungkan]".
// It travels in the query parameter "done" as
//
//	action.count.undo.ids.undone.unixtime.signature
//
// (undo and ids empty when there is nothing to undo; undone "u" when the
// change was itself an undo). Invariants:
//   - the page shows only words of its own catalogue and numbers, never
//     text from the URL, so a crafted link cannot write into the page;
//   - the signature is an HMAC keyed with the session's CSRF secret, so a
//     link made by anyone else, or for another session, shows nothing,
//     and an Undo button can only appear for a change this session made;
//   - it is shown for flashTTL after the change, then ignored.
type flash struct {
	Action comment.Action
	Count  int
	Undo   comment.Action // "" when the change cannot be undone
	IDs    []int64        // the comments Undo applies to
	Undone bool           // the change was an Undo: says so, offers no other
	At     time.Time
}

const (
	flashTTL     = 5 * time.Minute
	maxUndoIDs   = 500 // a larger bulk change is reported but not undoable in one click
	flashSigSize = 16  // bytes of the HMAC kept
)

// encode signs the flash with the session's secret.
func (f flash) encode(secret string) string {
	ids := make([]string, len(f.IDs))
	for i, id := range f.IDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	undone := ""
	if f.Undone {
		undone = "u"
	}
	payload := strings.Join([]string{string(f.Action), strconv.Itoa(f.Count), string(f.Undo),
		strings.Join(ids, "-"), undone, strconv.FormatInt(f.At.Unix(), 10)}, ".")
	return payload + "." + flashSig(secret, payload)
}

func flashSig(secret, payload string) string {
	m := hmac.New(sha256.New, []byte("balasan flash\x00"+secret))
	m.Write([]byte(payload))
	return hex.EncodeToString(m.Sum(nil)[:flashSigSize])
}

// parseFlash checks a "done" value; ok is false for anything not signed
// by this session, malformed, or too old.
func parseFlash(s, secret string, now time.Time) (f flash, ok bool) {
	if s == "" || secret == "" || len(s) > 16<<10 {
		return flash{}, false
	}
	i := strings.LastIndexByte(s, '.')
	if i < 0 || !hmac.Equal([]byte(s[i+1:]), []byte(flashSig(secret, s[:i]))) {
		return flash{}, false
	}
	parts := strings.Split(s[:i], ".")
	if len(parts) != 6 || (parts[4] != "" && parts[4] != "u") {
		return flash{}, false
	}
	a, ok := comment.ParseAction(parts[0])
	n, err := strconv.Atoi(parts[1])
	at, err2 := strconv.ParseInt(parts[5], 10, 64)
	if !ok || err != nil || err2 != nil || n < 0 {
		return flash{}, false
	}
	f = flash{Action: a, Count: n, Undone: parts[4] == "u", At: time.Unix(at, 0)}
	if age := now.Sub(f.At); age > flashTTL || age < -time.Minute {
		return flash{}, false
	}
	if parts[2] != "" {
		if f.Undo, ok = comment.ParseAction(parts[2]); !ok {
			return flash{}, false
		}
		for _, p := range strings.Split(parts[3], "-") {
			id, err := strconv.ParseInt(p, 10, 64)
			if err != nil || id <= 0 {
				return flash{}, false
			}
			f.IDs = append(f.IDs, id)
		}
	}
	return f, true
}

// Message is what the change did, in words: "3 komentar disetujui".
func (f flash) Message(l i18n.Lang) string { return doneMessage(l, f.Action, f.Count, f.Undone) }

// doneMessage words a change of n comments; undo words the change an
// Undo made.
func doneMessage(l i18n.Lang, a comment.Action, n int, undo bool) string {
	if n == 0 {
		return l.T("done_nothing")
	}
	key := "done_" + string(a)
	if undo {
		key = "done_undo"
	}
	return replaceCount(l.T(key), countComments(l, n))
}

// replaceCount fills the "%s" of a message with a count in words; the
// count is not a format string, so no verb in it can be misread.
func replaceCount(msg, count string) string { return strings.Replace(msg, "%s", count, 1) }

// countComments is "3 komentar" / "3 comments" / "1 comment".
func countComments(l i18n.Lang, n int) string {
	key := "n_comments"
	if n == 1 {
		key = "n_comment_one"
	}
	return replaceCount(l.T(key), l.Int(n))
}
