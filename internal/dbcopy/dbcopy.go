// Package dbcopy moves a whole Balasan database from one store to another
// (`balasan copy`, issue 11 item 7): SQLite to PostgreSQL, back, or
// SQLite to SQLite. It knows the tables and their columns, both stores'
// common shape; each store reads and writes rows of plain Go values and
// keeps its SQL to itself.
//
// What is copied is what cannot be derived: the counts kept by triggers
// (status_counts, articles.approved_count), the search index and the
// login throttle are rebuilt or left to start afresh by the target.
// Emails and their lookup hashes are copied as they are (sealed): both
// ends use the same key, so there is nothing to open and seal again, and
// no address is ever in the clear in this process.
package dbcopy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// Kind is a column's type, as the copy hands it over: Int is int64, Bool
// bool, Text string, Float float64; a Null kind may also be nil.
type Kind int

const (
	Int Kind = iota
	NullInt
	Text
	NullText
	Bool
	NullFloat
)

// Column is one copied column.
type Column struct {
	Name string
	Kind Kind
}

// Table is one copied table, in an order that meets every reference.
type Table struct {
	Name    string
	Columns []Column
}

func cols(spec ...any) []Column {
	var out []Column
	for i := 0; i < len(spec); i += 2 {
		out = append(out, Column{spec[i].(string), spec[i+1].(Kind)})
	}
	return out
}

// Tables are copied in this order: articles before the comments naming
// them, comments before what names them, moderators before sessions.
var Tables = []Table{
	{"articles", cols("key", Text, "url", Text, "title", Text, "verified", Bool, "comment_status", Text, "created_at", Int)},
	{"comments", cols("id", Int, "article_key", Text, "parent_id", NullInt, "author", Text, "author_url", Text,
		"email", Text, "email_hash", Text, "ip", Text, "user_agent", Text, "raw_content", Text, "content_html", Text,
		"status", Text, "prev_status", Text, "reason", Text, "spam_score", NullFloat, "is_staff", Bool,
		"moderation_hash", Text, "notify", Int, "import_source", NullText, "import_id", NullText,
		"created_at", Int, "updated_at", Int)},
	{"moderators", cols("id", Int, "username", Text, "password_hash", Text, "role", Text, "disabled", Bool, "lang", Text, "created_at", Int)},
	{"sessions", cols("token_hash", Text, "moderator_id", Int, "csrf_token", Text, "created_at", Int, "expires_at", Int)},
	{"audit_log", cols("id", Int, "moderator_id", NullInt, "moderator", Text, "action", Text, "comment_id", NullInt,
		"article_key", Text, "detail", Text, "created_at", Int)},
	{"settings", cols("name", Text, "value", Text)},
	{"outbox", cols("id", Int, "kind", Text, "payload", Text, "attempts", Int, "next_attempt_at", Int,
		"last_error", Text, "created_at", Int, "sent_at", NullInt)},
	{"spam_tokens", cols("token", Text, "spam", Int, "ham", Int)},
	{"spam_trained", cols("comment_id", Int, "is_spam", Bool)},
}

// Source is a store read table by table, each in its key's order.
type Source interface {
	ReadTable(ctx context.Context, t Table, fn func(row []any) error) error
	CountRows(ctx context.Context, table string) (int64, error)
}

// Target is a store written table by table.
type Target interface {
	Source
	// WriteRows inserts rows; settings replace the target's own (its key
	// check, written at open, is the same for the same key).
	WriteRows(ctx context.Context, t Table, rows [][]any) error
	// SetParents sets the parent of comments whose parent came later.
	SetParents(ctx context.Context, childParent [][2]int64) error
	// Finish makes the target ready to serve (id sequences past the
	// copied ids).
	Finish(ctx context.Context) error
}

// batchSize rows go in one write: large enough to stream fast, small
// enough to keep memory flat on a million comments.
const batchSize = 2000

// ErrNotEmpty refuses a target that already holds data.
var ErrNotEmpty = errors.New("the target database is not empty")

// Count is one table's rows on both ends after the copy.
type Count struct {
	Table          string
	Source, Target int64
}

// Copy copies every table from src into the empty dst, writing progress
// to progress, and returns the counts of both ends, table by table; a
// table whose counts differ is an error.
func Copy(ctx context.Context, src Source, dst Target, progress io.Writer) ([]Count, error) {
	for _, t := range Tables {
		if t.Name == "settings" {
			continue // the target wrote its own at open
		}
		if n, err := dst.CountRows(ctx, t.Name); err != nil {
			return nil, err
		} else if n > 0 {
			return nil, fmt.Errorf("%w: %s has %d rows", ErrNotEmpty, t.Name, n)
		}
	}
	var late [][2]int64 // comments whose parent has a higher id
	for _, t := range Tables {
		total, err := src.CountRows(ctx, t.Name)
		if err != nil {
			return nil, err
		}
		var done int64
		last := time.Now()
		batch := make([][]any, 0, batchSize)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			if err := dst.WriteRows(ctx, t, batch); err != nil {
				return fmt.Errorf("write %s: %w", t.Name, err)
			}
			done += int64(len(batch))
			batch = batch[:0]
			if time.Since(last) >= time.Second {
				fmt.Fprintf(progress, "  %s: %d of %d rows\n", t.Name, done, total)
				last = time.Now()
			}
			return nil
		}
		err = src.ReadTable(ctx, t, func(row []any) error {
			if t.Name == "comments" {
				// A parent is inserted before its replies (references are
				// checked at once); an import may have given a reply a
				// lower id than its parent: its parent is set at the end.
				if p, ok := row[2].(int64); ok && p > row[0].(int64) {
					late = append(late, [2]int64{row[0].(int64), p})
					row[2] = nil
				}
			}
			batch = append(batch, row)
			if len(batch) == batchSize {
				return flush()
			}
			return nil
		})
		if err == nil {
			err = flush()
		}
		if err != nil {
			return nil, fmt.Errorf("copy %s: %w", t.Name, err)
		}
		fmt.Fprintf(progress, "%s: %d rows\n", t.Name, done)
	}
	if err := dst.SetParents(ctx, late); err != nil {
		return nil, err
	}
	if err := dst.Finish(ctx); err != nil {
		return nil, err
	}
	return Verify(ctx, src, dst)
}

// Verify counts every table on both ends; a difference is an error
// (settings aside: the target may hold its own besides the copied ones).
func Verify(ctx context.Context, src, dst Source) ([]Count, error) {
	var out []Count
	var errs []error
	for _, t := range Tables {
		a, err := src.CountRows(ctx, t.Name)
		if err != nil {
			return out, err
		}
		b, err := dst.CountRows(ctx, t.Name)
		if err != nil {
			return out, err
		}
		out = append(out, Count{t.Name, a, b})
		if a != b && !(t.Name == "settings" && b >= a) {
			errs = append(errs, fmt.Errorf("%s: %d rows in the source, %d in the target", t.Name, a, b))
		}
	}
	return out, errors.Join(errs...)
}

// Named returns the table of that name from Tables: a store checks a
// name against the list before it reaches SQL.
func Named(name string) (Table, error) {
	for _, t := range Tables {
		if t.Name == name {
			return t, nil
		}
	}
	return Table{}, fmt.Errorf("no table %q to copy", name)
}

// ColumnNames are the table's columns in order.
func (t Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}
