// Package migrate is the one migration mechanism of both stores: an
// ordered list of steps, the first creating the schema; the database
// records the number of steps applied (SQLite in PRAGMA user_version,
// PostgreSQL in its schema_version table), and each step runs in one
// transaction with the record of its version, so a failed step leaves the
// database at the version before it. Steps are appended, never edited.
package migrate

import (
	"context"
	"errors"
	"fmt"
)

// ErrSchemaTooNew is a database written by a newer Balasan: running on
// it could misread or damage what the newer version stored.
var ErrSchemaTooNew = errors.New("database schema newer than this balasan")

// Step changes the schema inside tx.
type Step[Tx any] func(ctx context.Context, tx Tx) error

// DB is what a store gives the runner.
type DB[Tx any] struct {
	// Version reads the version recorded (0: an empty database).
	Version func(ctx context.Context) (int, error)
	// InTx runs fn in one transaction, committed when fn returns nil.
	InTx func(ctx context.Context, fn func(Tx) error) error
	// Record writes the new version inside the step's transaction.
	Record func(ctx context.Context, tx Tx, version int) error
}

// Apply brings the database up to len(steps); steps[i] makes version i+1.
// A database newer than the binary (a version past the steps) is refused
// rather than run by code that does not know its schema.
func Apply[Tx any](ctx context.Context, db DB[Tx], steps []Step[Tx]) error {
	cur, err := db.Version(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if cur > len(steps) {
		return fmt.Errorf("%w: the database is at schema version %d, this binary knows up to %d. "+
			"Run the newer balasan that upgraded it, or, to go back to this one, restore the backup "+
			"taken before the upgrade (see \"Upgrading and rolling back\" in the README)",
			ErrSchemaTooNew, cur, len(steps))
	}
	for v := cur + 1; v <= len(steps); v++ {
		err := db.InTx(ctx, func(tx Tx) error {
			if err := steps[v-1](ctx, tx); err != nil {
				return err
			}
			return db.Record(ctx, tx, v)
		})
		if err != nil {
			return fmt.Errorf("migration to schema version %d: %w", v, err)
		}
	}
	return nil
}
