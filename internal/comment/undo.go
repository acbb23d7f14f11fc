package comment

// Undo is the action that takes a comment moderated from status from to
// status to back where it was, as WordPress's "Undo" does: approve ↔
// unapprove; spam or trash of a pending or approved comment is undone by
// restore (which returns it to the status it had, kept as PrevStatus);
// what left spam or trash is sent back there by the same action. ok is
// false when nothing changed or the change cannot be undone (a delete).
func Undo(from, to Status) (a Action, ok bool) {
	if from == to || !to.Valid() {
		return "", false
	}
	switch from {
	case Pending:
		if to == Approved {
			return ActUnapprove, true
		}
		return ActRestore, true
	case Approved:
		if to == Pending {
			return ActApprove, true
		}
		return ActRestore, true
	case Spam:
		return ActSpam, true
	case Trash:
		return ActTrash, true
	}
	return "", false
}
