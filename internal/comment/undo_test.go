package comment

import "testing"

// TestUndo: for every status and every action, the undo action takes the
// comment back to the status it had.
func TestUndo(t *testing.T) {
	statuses := []Status{Pending, Approved, Spam, Trash}
	for _, from := range statuses {
		for _, prev := range []Status{"", Pending, Approved} {
			if (from == Pending || from == Approved) && prev != "" {
				continue // only spam and trash keep a previous status
			}
			for _, a := range []Action{ActApprove, ActUnapprove, ActSpam, ActTrash, ActRestore} {
				to, toPrev := a.Next(from, prev)
				u, ok := Undo(from, to)
				if to == from {
					if ok {
						t.Errorf("%s of a %s comment changed nothing, yet undo is %s", a, from, u)
					}
					continue
				}
				if !ok {
					t.Errorf("%s of a %s comment: no undo", a, from)
					continue
				}
				back, backPrev := u.Next(to, toPrev)
				if back != from {
					t.Errorf("%s (prev %q) → %s by %s, undone by %s → %s", from, prev, to, a, u, back)
				}
				// Approve and unapprove forget a spam or trash comment's
				// previous status (the dashboard offers neither there);
				// restore, spam and trash keep it through the undo.
				forgets := a == ActApprove || a == ActUnapprove
				if (from == Spam || from == Trash) && prev != "" && !forgets && backPrev != prev {
					t.Errorf("%s (prev %q) → %s by %s, undone by %s: prev %q lost", from, prev, to, a, u, backPrev)
				}
			}
		}
	}
	if _, ok := Undo(Pending, "deleted"); ok {
		t.Error("a delete has an undo")
	}
}
