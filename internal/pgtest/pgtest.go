// Package pgtest runs a real PostgreSQL for tests: Debian's binaries,
// initdb into a temporary folder, a free port on loopback, one server per
// test binary and a fresh database per test. Tests skip, saying why, only
// when PostgreSQL is not installed (CI's .ci/run installs it).
//
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// and in a test: url := pgtest.URL(t).
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Server is a running PostgreSQL owned by this test binary.
type Server struct {
	bin  string // folder of initdb, pg_ctl, postgres
	dir  string // temporary folder: data/ and server.log
	port int
	as   *user.User // the account the server runs as when we are root
	// durable: fsync on (benchmarks); tests run without it.
	durable bool
}

var (
	once     sync.Once
	shared   *Server
	startErr error
)

// errNotInstalled is why tests skip.
var errNotInstalled = errors.New("PostgreSQL is not installed (Debian package postgresql; .ci/run installs it)")

// Main runs the tests and stops the server they started, if any.
func Main(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	return code
}

// URL returns the address of a new, empty database on the shared server,
// starting it on first use. It skips the test when PostgreSQL is not
// installed and fails it when the server cannot start.
func URL(tb testing.TB) string {
	tb.Helper()
	once.Do(func() { shared, startErr = Start() })
	if errors.Is(startErr, errNotInstalled) {
		tb.Skip("pgtest: " + startErr.Error())
	}
	if startErr != nil {
		tb.Fatalf("pgtest: start PostgreSQL: %v", startErr)
	}
	url, err := shared.CreateDatabase(context.Background())
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	return url
}

// findBin returns the newest installed PostgreSQL's bin folder.
func findBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errNotInstalled
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start initialises and starts a new server. initdb refuses to run as
// root, so as root the server runs as the postgres account Debian's
// package creates, on a folder handed over to it.
func Start() (*Server, error) { return startServer(false) }

// StartDurable is Start with PostgreSQL's own durability (fsync on), for
// benchmarks whose figures must be those of a real server.
func StartDurable() (*Server, error) { return startServer(true) }

func startServer(durable bool) (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin, durable: durable}
	if os.Geteuid() == 0 {
		if s.as, err = user.Lookup("postgres"); err != nil {
			return nil, fmt.Errorf("running as root needs the postgres account: %w", err)
		}
	}
	if s.dir, err = os.MkdirTemp("", "balasan-pgtest-"); err != nil {
		return nil, err
	}
	if err := s.chown(s.dir); err != nil {
		os.RemoveAll(s.dir)
		return nil, err
	}
	if out, err := s.run("initdb", "-D", s.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
		"--locale=C.UTF-8", "--no-sync").CombinedOutput(); err != nil {
		os.RemoveAll(s.dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	// Another process may take the free port before the server does: try a few.
	for range 5 {
		if s.port, err = freePort(); err != nil {
			break
		}
		if err = s.start(); err == nil {
			s.watch()
			return s, nil
		}
	}
	os.RemoveAll(s.dir)
	return nil, err
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

func (s *Server) start() error {
	// fsync off: a test server's data is thrown away, and the machine's
	// disk is shared; durability of PostgreSQL itself is not under test.
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200", s.port)
	if !s.durable {
		opts += " -c fsync=off -c full_page_writes=off"
	}
	out, err := s.run("pg_ctl", "start", "-w", "-t", "60", "-D", s.data(), "-l", filepath.Join(s.dir, "server.log"),
		"-o", opts).CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
		return fmt.Errorf("pg_ctl start: %v: %s\n%s", err, out, log)
	}
	return nil
}

// watch starts a small shell process, apart from this one, that stops the
// server and removes its folder once this test binary is gone, however it
// ends (a panic, a timeout, SIGKILL): no server outlives its tests.
func (s *Server) watch() {
	script := fmt.Sprintf(`while kill -0 %d 2>/dev/null; do sleep 1; done; %s; rm -rf %q`,
		os.Getpid(), strings.Join(s.cmdline("pg_ctl", "stop", "-m", "immediate", "-D", s.data()), " "), s.dir)
	cmd := exec.Command("sh", "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}

// Stop stops the server at once and removes its folder.
func (s *Server) Stop() {
	s.run("pg_ctl", "stop", "-m", "immediate", "-D", s.data()).Run()
	os.RemoveAll(s.dir)
}

// AdminURL is the address of the server's postgres database.
func (s *Server) AdminURL() string { return s.url("postgres") }

func (s *Server) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// CreateDatabase makes a new empty database and returns its address.
func (s *Server) CreateDatabase(ctx context.Context) (string, error) {
	conn, err := pgx.Connect(ctx, s.AdminURL())
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	return s.url(name), nil
}

// cmdline is a PostgreSQL program's command line, run as postgres when root.
func (s *Server) cmdline(prog string, args ...string) []string {
	full := append([]string{filepath.Join(s.bin, prog)}, args...)
	if s.as != nil {
		full = append([]string{"runuser", "-u", s.as.Username, "--"}, full...)
	}
	for i, a := range full {
		if strings.ContainsAny(a, " '") {
			full[i] = `'` + strings.ReplaceAll(a, `'`, `'\''`) + `'`
		}
	}
	return full
}

func (s *Server) run(prog string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.bin, prog), args...)
	if s.as != nil {
		cmd = exec.Command("runuser", append([]string{"-u", s.as.Username, "--", filepath.Join(s.bin, prog)}, args...)...)
	}
	cmd.Dir = s.dir
	// In its own process group, so a Ctrl-C meant for the tests does not
	// kill the server before the tests stop it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

func (s *Server) chown(path string) error {
	if s.as == nil {
		return nil
	}
	uid, _ := strconv.Atoi(s.as.Uid)
	gid, _ := strconv.Atoi(s.as.Gid)
	return os.Chown(path, uid, gid)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
