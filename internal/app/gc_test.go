package app

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC_DefaultsOnlyWhereUnset(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
	for _, tt := range []struct {
		name         string
		env          map[string]string
		wantPercent  int
		wantLimitSet bool
	}{
		{"nothing set", nil, gcPercent, true},
		{"GOGC set", map[string]string{"GOGC": "100"}, 100, true},
		{"GOMEMLIMIT set", map[string]string{"GOMEMLIMIT": "1GiB"}, gcPercent, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetGCPercent(100)
			const unset = 1 << 62
			debug.SetMemoryLimit(unset)
			tuneGC(func(k string) string { return tt.env[k] })
			if got := debug.SetGCPercent(100); got != tt.wantPercent {
				t.Errorf("GC percent %d, want %d", got, tt.wantPercent)
			}
			if got := debug.SetMemoryLimit(-1); (got == memoryLimit) != tt.wantLimitSet || (!tt.wantLimitSet && got != unset) {
				t.Errorf("memory limit %d (set: want %v)", got, tt.wantLimitSet)
			}
		})
	}
}
