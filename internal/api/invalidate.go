package api

// InvalidateAll drops every article's cached comments, after a change
// made by another process (a command-line erase or import).
func (h *Handler) InvalidateAll() { h.threads.Clear() }
