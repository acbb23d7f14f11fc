package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseConfig_RejectsBadValues: every bad value is refused by
// ParseConfig itself, with a message naming the setting, exit code 2, and
// nothing opened or created (no database folder, no key file) — also for
// settings of parts that are turned off, such as the outbox's.
func TestParseConfig_RejectsBadValues(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string // in the message: the flag, or the variable whose value is bad
	}{
		{"outbox poll, mail off", map[string]string{"BALASAN_OUTBOX_POLL": "soon"}, nil, "$BALASAN_OUTBOX_POLL"},
		{"outbox poll zero", map[string]string{"BALASAN_OUTBOX_POLL": "0"}, nil, "-outbox-poll"},
		{"retry min above max", map[string]string{"BALASAN_OUTBOX_RETRY_MIN": "2h", "BALASAN_OUTBOX_RETRY_MAX": "1h"}, nil, "-outbox-retry-min"},
		{"attempts", map[string]string{"BALASAN_OUTBOX_ATTEMPTS": "0"}, nil, "-outbox-attempts"},
		{"outbox retention", map[string]string{"BALASAN_OUTBOX_RETENTION": "-1d"}, nil, "$BALASAN_OUTBOX_RETENTION"},
		{"ip retention", nil, []string{"-ip-retention", "sebulan"}, "-ip-retention"},
		{"flood interval", map[string]string{"BALASAN_FLOOD_INTERVAL": "x"}, nil, "$BALASAN_FLOOD_INTERVAL"},
		{"close after", nil, []string{"-close-after", "14 hari"}, "-close-after"},
		{"max links", map[string]string{"BALASAN_MAX_LINKS": "-1"}, nil, "$BALASAN_MAX_LINKS"},
		{"max submits", map[string]string{"BALASAN_MAX_SUBMITS": "banyak"}, nil, "$BALASAN_MAX_SUBMITS"},
		{"cache", map[string]string{"BALASAN_CACHE_MB": "0"}, nil, "-cache-mb"},
		{"moderation", map[string]string{"BALASAN_MODERATION": "some"}, nil, "-moderation"},
		{"base url", map[string]string{"BALASAN_BASE_URL": "ftp://x"}, nil, "-base-url"},
		{"origins", map[string]string{"BALASAN_ALLOWED_ORIGINS": "berita.example"}, nil, "-allowed-origins"},
		{"proxies", map[string]string{"BALASAN_TRUSTED_PROXIES": "10.0.0.0"}, nil, "-trusted-proxies"},
		{"sqlite sync", map[string]string{"BALASAN_SQLITE_SYNC": "off"}, nil, "-sqlite-sync"},
		{"smtp url", map[string]string{"BALASAN_SMTP_URL": "imap://mail.example"}, nil, "-smtp-url"},
		{"mail from", map[string]string{"BALASAN_MAIL_FROM": "bukan alamat"}, nil, "-mail-from"},
		{"notify", map[string]string{"BALASAN_NOTIFY": "redaksi@example.test, siapa"}, nil, "-notify"},
		{"webhook url", map[string]string{"BALASAN_WEBHOOK_URL": "hooks.example/x"}, nil, "-webhook-url"},
		{"webhook secret", map[string]string{"BALASAN_WEBHOOK_SECRET": "whsec_***"}, nil, "-webhook-secret"},
		{"secret key", map[string]string{"BALASAN_SECRET_KEY": "abc"}, nil, "-secret-key"},
		{"addr", map[string]string{"BALASAN_ADDR": "8080"}, nil, "-addr"},
		{"log format", map[string]string{"BALASAN_LOG_FORMAT": "xml"}, nil, "-log-format"},
		{"postgres without key", map[string]string{"BALASAN_DB": "postgres://u:rahasia@db.example/b"}, nil, "-secret-key"},
		{"metrics addr", map[string]string{"BALASAN_METRICS_ADDR": "9090"}, nil, "-metrics-addr"},
		{"spam starter", nil, []string{"-spam-starter", "maybe"}, "-spam-starter"},
		{"unknown flag", nil, []string{"-no-such-setting", "1"}, "no-such-setting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "data", "balasan.db")
			env := map[string]string{"BALASAN_DB": db}
			for k, v := range tt.env {
				env[k] = v
			}
			var stdout, stderr bytes.Buffer
			code := Run(context.Background(), Env{Args: append([]string{"serve"}, tt.args...),
				Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr})
			if code != 2 {
				t.Errorf("exit code %d, want 2; stderr: %s", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("message %q does not name %s", stderr.String(), tt.want)
			}
			if strings.Contains(stderr.String(), "rahasia") {
				t.Errorf("message repeats a password: %s", stderr.String())
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a refused configuration created %v", entries)
			}
		})
	}
}

// TestParseConfig_Typed: every setting arrives typed, defaults included.
func TestParseConfig_Typed(t *testing.T) {
	cfg, err := ParseConfig([]string{"-outbox-poll", "2s", "-outbox-attempts", "3"},
		func(k string) string { return map[string]string{"BALASAN_OUTBOX_RETENTION": "14d"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.OutboxPoll.String() != "2s" || cfg.OutboxAttempts != 3 || cfg.OutboxRetention.Hours() != 14*24 ||
		cfg.OutboxRetryMin.String() != "1m0s" || cfg.OutboxRetryMax.String() != "1h0m0s" || cfg.MailFrom != "balasan@127.0.0.1" {
		t.Errorf("config %+v", cfg)
	}
}
