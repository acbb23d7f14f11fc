package app

import "runtime/debug"

// Garbage collector defaults for serving, used unless the operator sets
// GOGC or GOMEMLIMIT (the Go runtime reads both itself).
//
// Balasan's live heap is small, a few MB: with Go's default target of
// twice the live heap, a burst of submissions collected about sixty times
// a second. A target of five times the live heap collects a quarter as
// often; the soft limit keeps the heap near it should the live heap grow,
// within the memory budget of the README (150 MB resident with a million
// comments, SQLite's caches included).
const (
	gcPercent   = 400
	memoryLimit = 64 << 20
)

// tuneGC applies the defaults that getenv leaves unset.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
