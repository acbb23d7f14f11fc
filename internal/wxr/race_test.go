//go:build race

package wxr

// raceEnabled reports that the race detector, which slows the streaming
// test about fortyfold, is on.
const raceEnabled = true
