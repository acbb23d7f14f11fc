package app

import (
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair: what the test writes to the
// controller is what a user types at the terminal; what the program (and
// the terminal's echo) writes to the terminal can be read from it.
func openPTY(t *testing.T) (controller, term *os.File) {
	t.Helper()
	c, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	if err := unix.IoctlSetPointerInt(int(c.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetInt(int(c.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pty number: %v", err)
	}
	tt, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pty: %v", err)
	}
	t.Cleanup(func() { tt.Close() })
	return c, tt
}

// TestModeratorAdd_TerminalPrompt types the password at a real terminal:
// the command prompts twice and the terminal never echoes what was typed.
func TestModeratorAdd_TerminalPrompt(t *testing.T) {
	ctl, tty := openPTY(t)
	seen := make(chan string, 16)
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := ctl.Read(buf)
			if n > 0 {
				seen <- string(buf[:n])
			}
			if err != nil {
				close(seen)
				return
			}
		}
	}()
	var screen strings.Builder
	waitFor := func(prompt string) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for !strings.Contains(screen.String(), prompt) {
			select {
			case s := <-seen:
				screen.WriteString(s)
			case <-deadline:
				t.Fatalf("no %q on the terminal; it shows %q", prompt, screen.String())
			}
		}
	}
	db := t.TempDir() + "/b.db"
	e, out, errb := env([]string{"moderator", "add", "--username", "siti"}, "", map[string]string{"BALASAN_DB": db})
	e.Stdin, e.Stderr = tty, tty
	done := make(chan int, 1)
	go func() { done <- Run(context.Background(), e) }()
	// The prompt is written just before echo goes off: a user types after
	// reading it, a test must wait for the terminal's own state.
	echoOff := func() {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatal(err)
			}
			if tio.Lflag&unix.ECHO == 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("the terminal's echo never went off")
			}
			time.Sleep(time.Millisecond)
		}
	}
	waitFor("New password: ")
	echoOff()
	ctl.WriteString("rahasia-sekali\r")
	waitFor("Again: ")
	echoOff()
	ctl.WriteString("rahasia-sekali\r")
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s %s", code, out, errb)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("moderator add did not finish")
	}
	if !strings.Contains(out.String(), `Added moderator "siti"`) {
		t.Errorf("stdout %q", out)
	}
	// Drain what the terminal still shows, then look for an echo.
	for {
		select {
		case s := <-seen:
			screen.WriteString(s)
			continue
		case <-time.After(200 * time.Millisecond):
		}
		break
	}
	if strings.Contains(screen.String(), "rahasia") {
		t.Errorf("the terminal echoed the password: %q", screen.String())
	}
}
