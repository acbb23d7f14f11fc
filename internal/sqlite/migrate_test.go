package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"balasan/internal/secret"
)

// TestOpen_SchemaVersions opens databases at each schema version around
// what this binary knows: older and equal ones open (and end at the
// newest), a newer one is refused untouched, naming both versions.
func TestOpen_SchemaVersions(t *testing.T) {
	tests := []struct {
		name    string
		version int
		wantErr bool
	}{
		{"current", SchemaVersion(), false},
		{"one newer", SchemaVersion() + 1, true},
		{"much newer", SchemaVersion() + 40, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, path := mustOpenStore(t)
			s.Close()
			setUserVersion(t, path, tt.version)
			box, _ := secret.New(make([]byte, secret.KeySize))
			s2, err := Open(context.Background(), path, box)
			if !tt.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				s2.Close()
				return
			}
			if err == nil {
				s2.Close()
				t.Fatal("a newer database was opened")
			}
			msg := err.Error()
			if !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(msg, fmt.Sprintf("version %d", tt.version)) ||
				!strings.Contains(msg, fmt.Sprintf("up to %d", SchemaVersion())) || !strings.Contains(msg, "backup") {
				t.Errorf("message %q", msg)
			}
			if v := userVersion(t, path); v != tt.version {
				t.Errorf("the refused database's version became %d", v)
			}
		})
	}
}

func setUserVersion(t *testing.T, path string, v int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v)); err != nil {
		t.Fatal(err)
	}
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
