// Package version says which build of Balasan is running: the version
// stamped by `make build`, else what the Go toolchain recorded.
package version

import (
	"runtime"
	"runtime/debug"
	"sync"
)

// Version is set at build time:
//
//	go build -ldflags "-X balasan/internal/version.Version=v0.2.0" ./cmd/balasan
//
// Left empty (go run, go install, tests), String reads the build info.
var Version string

var fromBuild = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return fromInfo(info)
})

// fromInfo picks the module's version (set by `go install balasan@v0.2.0`),
// else the VCS revision the toolchain stamps into a build from a checkout.
func fromInfo(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return "devel-" + rev
}

// String is the running version: the stamped one, else the build info's.
func String() string {
	if Version != "" {
		return Version
	}
	return fromBuild()
}

// Go is the Go release the binary was built with.
func Go() string { return runtime.Version() }
