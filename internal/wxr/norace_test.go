//go:build !race

package wxr

// raceEnabled reports that the race detector is on.
const raceEnabled = false
