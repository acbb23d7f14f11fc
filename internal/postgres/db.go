// Package postgres is Balasan's store on PostgreSQL, chosen by
// BALASAN_DB=postgres://…: the same port (comment.Store) and the same
// conformance tests (internal/storetest) as internal/sqlite, so several
// instances can share one database.
//
// It uses pgx's own pool (pgxpool) rather than database/sql: batches and
// arrays (one statement inserts a group commit's comments with unnest),
// COPY for moving data over, and LISTEN/NOTIFY for instances that must
// hear of each other's changes are all plain pgx.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"balasan/internal/articlecache"
	"balasan/internal/comment"
	"balasan/internal/secret"
)

// Store implements comment.Store on PostgreSQL.
type Store struct {
	db  *pgxpool.Pool
	box *secret.Box
	gc  *groupCommit
	// articles remembers articles read.
	articles articlecache.Cache
	// Now is the clock, replaceable in tests.
	Now func() time.Time
	// jobMu lets this instance's background jobs run one at a time.
	jobMu sync.Mutex
}

var _ comment.Store = (*Store)(nil)

// minConns is the least size of the connection pool.
const minConns = 10

// Open connects to the database at url (postgres://…), brings its schema
// up to date and starts the group commit of new comments.
func Open(ctx context.Context, url string, box *secret.Box) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The URL holds a password: say what is wrong, not what it was.
		return nil, errors.New("BALASAN_DB: not a valid postgres:// URL")
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "balasan"
	// Times are stored as Unix milliseconds; the session zone only
	// matters to an operator reading rows, so it is fixed.
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	// pgxpool's default (4 on a 2-core machine) is too few beside the
	// change listener and a background job holding its lock: readers would
	// queue behind them. The URL's pool_max_conns still wins.
	if !strings.Contains(url, "pool_max_conns") && cfg.MaxConns < minConns {
		cfg.MaxConns = minConns
	}
	db, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, box: box, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.checkKey(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if s.gc, err = newGroupCommit(ctx, s, cfg); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close flushes the comments waiting for the group commit and closes the pool.
func (s *Store) Close() error {
	if s.gc != nil {
		s.gc.close()
	}
	s.db.Close()
	return nil
}

// Ping checks that the database answers a read.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return wrap(s.db.QueryRow(ctx, `SELECT 1`).Scan(&one))
}

// PingWrite checks that the database takes a write (not a read-only
// standby left behind by a fail-over).
func (s *Store) PingWrite(ctx context.Context) error {
	_, err := s.db.Exec(ctx, `UPDATE settings SET value = value WHERE name = ''`)
	return wrap(err)
}

// maxRetries bounds how often a transaction is run again after PostgreSQL
// aborted it to resolve a deadlock or a serialization conflict.
const maxRetries = 5

// tx runs fn in a transaction, again when PostgreSQL asks for a retry.
func (s *Store) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for range maxRetries {
		if err = pgx.BeginFunc(ctx, s.db, fn); !retryable(err) {
			return wrap(err)
		}
	}
	return wrap(err)
}

func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// wrap turns storage conditions a user may meet into domain errors: a
// missing row is a 404; a database that is down, full or restarting is a
// 503 with Retry-After, not a crash.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	var ce *comment.Error
	if errors.As(err, &ce) {
		return err
	}
	var pe *pgconn.PgError
	var ne net.Error
	var ce2 *pgconn.ConnectError
	switch {
	case errors.As(err, &pe):
		// 08 connection, 53 resources (disk full, too many connections),
		// 57 operator intervention (shutdown), 25006 read-only standby.
		switch pe.Code[:2] {
		case "08", "53", "57":
			return unavailable(err)
		}
		if pe.Code == "25006" {
			return unavailable(err)
		}
	case errors.As(err, &ne), errors.As(err, &ce2), pgconn.SafeToRetry(err):
		return unavailable(err)
	}
	return err
}

func unavailable(err error) error {
	return &comment.Error{Code: comment.EUnavailable, Key: "unavailable", RetryAfter: 5 * time.Second, Cause: err}
}

// uniqueViolation tells a duplicate key.
func uniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

// errClosed answers a write after Close.
var errClosed = fmt.Errorf("postgres: store closed")
