// Package sqlite is Balasan's store: one SQLite file in WAL mode, a single
// writer connection and a pool of readers. All SQL lives here.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"balasan/internal/articlecache"
	"balasan/internal/comment"
	"balasan/internal/secret"

	_ "modernc.org/sqlite" // registers the "sqlite" driver, pure Go
)

// Store implements comment.Store and the dashboard's queries.
type Store struct {
	w    *sql.DB // exactly one connection: SQLite has one writer anyway
	r    *sql.DB // readers, concurrent under WAL
	ckpt *sql.DB // one connection for checkpoints (checkpoint.go)
	box  *secret.Box

	rStmts, wStmts stmtCache
	articles       articlecache.Cache

	gc          *groupCommit  // the batch writer of new comments (groupcommit.go)
	quit        chan struct{} // closed by Close: the batch writer and checkpointer end
	unindexed   atomic.Int64  // comments the batch writer stored since it last indexed
	writes      atomic.Int64  // write transactions since the last checkpoint
	checkpoints atomic.Int64  // run by the checkpointer

	checkpointerDone chan struct{}
	closeOnce        sync.Once
	// Now is the clock, replaceable in tests.
	Now func() time.Time
}

// dsn puts every pragma in the connection string so each pooled
// connection gets them (a PRAGMA run with Exec reaches only one).
func dsn(path string, readOnly bool, opts Options) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	// FULL: a comment acknowledged is on the disk, power cut or not; the
	// group commit makes that one sync per batch. NORMAL (opt-in) syncs
	// only at checkpoints: a power cut can lose the last commits.
	sync := "FULL"
	if opts.SyncNormal {
		sync = "NORMAL"
	}
	q.Add("_pragma", "synchronous("+sync+")")
	q.Add("_pragma", "foreign_keys(ON)")
	// Zero what a change frees, so an erased name or a migrated plaintext
	// email does not linger in free space of the file.
	q.Add("_pragma", "secure_delete(ON)")
	// Statement journals and sort buffers in memory, not temporary files:
	// every insert with triggers opens one, and writing it out cost the
	// writer a system call per page.
	q.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
		// The checkpointer copies the WAL back as it grows; at ~64 MB the
		// writer copies what is left, so the WAL can start over. That
		// last step syncs both files while every comment waits: at 16 MB
		// it came several times a second under load and cost a tenth of
		// the throughput.
		q.Add("_pragma", "wal_autocheckpoint(16000)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Options adjust how the database is opened; the zero value is the default.
type Options struct {
	// SyncNormal trades durability for speed: synchronous=NORMAL instead
	// of FULL (BALASAN_SQLITE_SYNC=normal).
	SyncNormal bool
}

// Open opens (creating it and its folder if needed) the database at path
// with the default options and brings its schema up to date.
func Open(ctx context.Context, path string, box *secret.Box) (*Store, error) {
	return OpenWith(ctx, path, box, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, box *secret.Box, opts Options) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	if err := privateFiles(path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, false, opts))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{w: w, box: box, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.checkKey(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, true, opts))
	if err != nil {
		w.Close()
		return nil, err
	}
	n := max(4, runtime.NumCPU()*2)
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s.r = r
	if s.ckpt, err = openCheckpointer(path, opts); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.prepareWrites(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.migrateEmails(ctx); err != nil {
		s.Close()
		return nil, err
	}
	s.quit, s.checkpointerDone = make(chan struct{}), make(chan struct{})
	s.gc = newGroupCommit(s, s.quit)
	go s.gc.run()
	go s.checkpointer()
	return s, nil
}

// Close closes both pools.
func (s *Store) Close() error {
	if s.quit != nil {
		s.closeOnce.Do(func() { close(s.quit) })
		<-s.gc.done
		<-s.checkpointerDone
	}
	s.rStmts.close()
	s.wStmts.close()
	var ckptErr error
	if s.ckpt != nil {
		ckptErr = s.ckpt.Close()
	}
	return errors.Join(s.r.Close(), ckptErr, s.w.Close())
}

// Ping checks that the database answers a read.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.r.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// ReadStats reports the readers' pool: how often and how long a read
// waited for a connection (the dashboard's benchmark prints it).
func (s *Store) ReadStats() sql.DBStats { return s.r.Stats() }

// PingWrite checks that the database takes a write.
func (s *Store) PingWrite(ctx context.Context) error {
	_, err := s.w.ExecContext(ctx, `UPDATE settings SET value = value WHERE name = ''`)
	return err
}

// tx runs fn in a write transaction, again a few times if another process
// kept the database busy past busy_timeout (see retryBusy).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	return retryBusy(ctx, func() error { return s.tx1(ctx, fn) })
}

func (s *Store) tx1(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return wrap(err)
	}
	s.writes.Add(1)
	return nil
}

// wrap turns storage conditions a user may meet into domain errors: a
// full disk or a database busy past its timeout is a 503, not a crash.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return comment.Errorf(comment.ENotFound, "not_found")
	case strings.Contains(msg, "SQLITE_FULL"), strings.Contains(msg, "database or disk is full"),
		strings.Contains(msg, "SQLITE_BUSY"), strings.Contains(msg, "database is locked"):
		return &comment.Error{Code: comment.EUnavailable, Key: "unavailable", RetryAfter: 5 * time.Second, Cause: err}
	}
	return err
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

var _ comment.Store = (*Store)(nil)

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
