package version

import (
	"runtime/debug"
	"testing"
)

func TestFromInfo(t *testing.T) {
	tests := []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"module version", debug.BuildInfo{Main: debug.Module{Version: "v0.2.0"}}, "v0.2.0"},
		{"checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "7bb3cd5a0c1e2f3a4b5c6d7e8f90112233445566"}, {Key: "vcs.modified", Value: "false"}}},
			"devel-7bb3cd5a0c1e"},
		{"dirty checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "7bb3cd5"}, {Key: "vcs.modified", Value: "true"}}}, "devel-7bb3cd5-dirty"},
		{"nothing known", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fromInfo(&tt.info); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestString_StampedWins(t *testing.T) {
	old := Version
	t.Cleanup(func() { Version = old })
	Version = "v9.9.9"
	if got := String(); got != "v9.9.9" {
		t.Errorf("got %q, want the stamped version", got)
	}
	Version = ""
	if got := String(); got == "" {
		t.Error("no version without a stamp")
	}
}
