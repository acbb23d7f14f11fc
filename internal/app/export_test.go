package app

import "time"

// SetJobIntervals shortens the privacy jobs' intervals for tests and
// returns a function that restores them.
func SetJobIntervals(ipSweep, cacheWatch time.Duration) (restore func()) {
	oldIP, oldCache := ipSweepInterval, cacheWatchInterval
	ipSweepInterval, cacheWatchInterval = ipSweep, cacheWatch
	return func() { ipSweepInterval, cacheWatchInterval = oldIP, oldCache }
}
