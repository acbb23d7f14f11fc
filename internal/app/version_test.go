package app_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBinary_VersionStamped builds the binary as `make build` does, with
// the version stamped by -ldflags, and asks it.
func TestBinary_VersionStamped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	bin := filepath.Join(t.TempDir(), "balasan")
	cmd := exec.Command(goTool, "build", "-ldflags", "-X balasan/internal/version.Version=v9.8.7-test",
		"-o", bin, "balasan/cmd/balasan")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "balasan v9.8.7-test (" + runtime.Version() + ")\n"; string(out) != want {
		t.Errorf("balasan version: %q, want %q", out, want)
	}
	// The real process: -h on standard output, exit 0.
	out, err = exec.Command(bin, "-h").Output()
	if err != nil || !strings.Contains(string(out), "balasan moderator passwd") {
		t.Errorf("balasan -h: %v\n%s", err, out)
	}
}
