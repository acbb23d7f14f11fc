package app

import (
	"context"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"balasan/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

const testKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

// TestServe_PostgresEndToEnd runs the whole program on PostgreSQL, chosen
// by a postgres:// BALASAN_DB: a comment posted, approved in the
// dashboard, read publicly; the URL's password never reaches the logs.
func TestServe_PostgresEndToEnd(t *testing.T) {
	db := strings.Replace(pgtest.URL(t), "postgres@", "postgres:unused-pw@", 1) // trust auth ignores it
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	e, out, errb := env([]string{"serve", "-addr", addr, "-min-submit-seconds", "0"}, "",
		map[string]string{"BALASAN_DB": db, "BALASAN_SECRET_KEY": testKey})
	done := make(chan int)
	go func() { done <- Run(ctx, e) }()
	base := "http://" + addr
	waitUp(t, base+"/healthz")
	password := newUserPath(t, base, out)
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop")
	}
	// Standard output prints the first admin's password once, by design.
	logs := errb.String()
	for _, secret := range []string{"budi@example.test", password, "unused-pw", testKey} {
		if strings.Contains(logs, secret) || (secret != password && strings.Contains(out.String(), secret)) {
			t.Errorf("output contains %q", secret)
		}
	}
	// The rows are in PostgreSQL: a command reading the same URL finds them.
	e2, out2, errb2 := env([]string{"privacy", "export", "--email", "budi@example.test"}, "",
		map[string]string{"BALASAN_DB": db, "BALASAN_SECRET_KEY": testKey})
	if code := Run(context.Background(), e2); code != 0 || !strings.Contains(out2.String(), "Pantai bersih") {
		t.Fatalf("privacy export from PostgreSQL: %d %s %s", code, out2, errb2)
	}
}

func TestParseConfig_Store(t *testing.T) {
	none := func(string) string { return "" }
	c, err := ParseConfig(nil, none)
	if err != nil || c.SQLiteSync != "full" || c.Postgres() {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	for _, tt := range []struct {
		args    []string
		wantErr string
	}{
		{[]string{"-sqlite-sync", "NORMAL"}, ""},
		{[]string{"-sqlite-sync", "off"}, "-sqlite-sync"},
		{[]string{"-db", "postgres://u:pw@db.example/balasan"}, "-secret-key"},
		{[]string{"-db", "postgresql://u:pw@db.example/balasan", "-secret-key", testKey}, ""},
	} {
		_, err := ParseConfig(tt.args, none)
		if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%v: %v, want %q", tt.args, err, tt.wantErr)
		}
		if err != nil && strings.Contains(err.Error(), "pw@") {
			t.Errorf("%v: the error shows the password: %v", tt.args, err)
		}
	}
	c, _ = ParseConfig([]string{"-db", "postgres://u:pw@db.example:5433/balasan?sslmode=require", "-secret-key", testKey}, none)
	if got := c.DBName(); got != "postgres://db.example:5433/balasan" {
		t.Errorf("DBName = %q", got)
	}
}
