package migrate

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// memDB is a database whose transactions stage changes to a log and a
// version, kept only on commit.
type memDB struct {
	version int
	log     []string
}

type memTx struct {
	log     []string
	version int
}

func (m *memDB) db() DB[*memTx] {
	return DB[*memTx]{
		Version: func(context.Context) (int, error) { return m.version, nil },
		InTx: func(ctx context.Context, fn func(*memTx) error) error {
			tx := &memTx{version: m.version}
			if err := fn(tx); err != nil {
				return err
			}
			m.log, m.version = append(m.log, tx.log...), tx.version
			return nil
		},
		Record: func(_ context.Context, tx *memTx, v int) error { tx.version = v; return nil },
	}
}

func step(name string, fail bool) Step[*memTx] {
	return func(_ context.Context, tx *memTx) error {
		if fail {
			return errors.New(name + " failed")
		}
		tx.log = append(tx.log, name)
		return nil
	}
}

func TestApply(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name        string
		from        int
		steps       []Step[*memTx]
		wantVersion int
		wantLog     string
		wantErr     string
	}{
		{"empty database gets every step", 0, []Step[*memTx]{step("a", false), step("b", false)}, 2, "a b", ""},
		{"only the missing steps run", 1, []Step[*memTx]{step("a", false), step("b", false), step("c", false)}, 3, "b c", ""},
		{"up to date runs nothing", 2, []Step[*memTx]{step("a", false), step("b", false)}, 2, "", ""},
		{"a failed step keeps the version before it", 0, []Step[*memTx]{step("a", false), step("b", true), step("c", false)}, 1, "a", "version 2"},
		{"a newer database is refused", 3, []Step[*memTx]{step("a", false)}, 3, "", "schema version 3, this binary knows up to 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &memDB{version: tt.from}
			err := Apply(ctx, m.db(), tt.steps)
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if tt.from > len(tt.steps) && !errors.Is(err, ErrSchemaTooNew) {
				t.Errorf("err %v is not ErrSchemaTooNew", err)
			}
			if m.version != tt.wantVersion || strings.Join(m.log, " ") != tt.wantLog {
				t.Errorf("version %d log %q, want %d %q", m.version, strings.Join(m.log, " "), tt.wantVersion, tt.wantLog)
			}
		})
	}
}
