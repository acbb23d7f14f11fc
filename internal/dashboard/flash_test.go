package dashboard

import (
	"strings"
	"testing"
	"time"

	"balasan/internal/comment"
)

func TestFlash_RoundTripAndRefusals(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	f := flash{Action: comment.ActTrash, Count: 3, Undo: comment.ActRestore, IDs: []int64{4, 5, 6}, At: now}
	tok := f.encode("rahasia")
	got, ok := parseFlash(tok, "rahasia", now.Add(time.Minute))
	if !ok || got.Action != f.Action || got.Count != 3 || got.Undo != f.Undo || len(got.IDs) != 3 || got.IDs[2] != 6 || got.Undone {
		t.Fatalf("round trip: %+v %v", got, ok)
	}
	undone := flash{Action: comment.ActRestore, Count: 1, Undone: true, At: now}
	if got, ok := parseFlash(undone.encode("rahasia"), "rahasia", now); !ok || !got.Undone || got.Undo != "" {
		t.Errorf("undone flash: %+v %v", got, ok)
	}
	for name, tc := range map[string]struct {
		tok, secret string
		at          time.Time
	}{
		"other secret":    {tok, "lain", now},
		"no secret":       {tok, "", now},
		"too old":         {tok, "rahasia", now.Add(flashTTL + time.Second)},
		"from the future": {tok, "rahasia", now.Add(-2 * time.Minute)},
		"altered count":   {strings.Replace(tok, ".3.", ".4.", 1), "rahasia", now},
		"cut":             {tok[:len(tok)-2], "rahasia", now},
		"empty":           {"", "rahasia", now},
		"dots only":       {".....", "rahasia", now},
	} {
		if got, ok := parseFlash(tc.tok, tc.secret, tc.at); ok {
			t.Errorf("%s: accepted %+v", name, got)
		}
	}
}

// FuzzParseFlash: no "done" value crashes the page or is accepted
// without this session's signature.
func FuzzParseFlash(f *testing.F) {
	now := time.Unix(1_800_000_000, 0)
	f.Add(flash{Action: comment.ActApprove, Count: 1, Undo: comment.ActUnapprove, IDs: []int64{7}, At: now}.encode("k"))
	f.Add("approve.1.unapprove.7..1800000000.00")
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := parseFlash(s, "another key", now); ok {
			t.Fatalf("%q accepted without its signature: %+v", s, got)
		}
		parseFlash(s, "k", now)
	})
}
