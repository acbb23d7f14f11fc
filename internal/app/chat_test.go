package app

import (
	"context"
	"strings"
	"testing"
)

// TestModerator_Telegram links, moves and removes a Telegram user's link
// from the command line; bad values exit 2 and change nothing.
func TestModerator_Telegram(t *testing.T) {
	db := t.TempDir() + "/b.db"
	vars := map[string]string{"BALASAN_DB": db}
	run := func(args ...string) (int, string) {
		e, out, errb := env(args, "password-satu\n", vars)
		return Run(context.Background(), e), out.String() + errb.String()
	}
	for _, name := range []string{"siti", "budi"} {
		if code, out := run("moderator", "add", "--username", name); code != 0 {
			t.Fatal(out)
		}
	}
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		want     string
		links    map[string]int64
	}{
		{"link", []string{"--username", "siti", "--telegram-id", "4242"}, 0, "now moderates from the chat as \"siti\"", map[string]int64{"siti": 4242}},
		{"taken", []string{"--username", "budi", "--telegram-id", "4242"}, 1, "linked to another account", map[string]int64{"siti": 4242}},
		{"no id", []string{"--username", "budi"}, 2, "--telegram-id is required", map[string]int64{"siti": 4242}},
		{"not a number", []string{"--username", "budi", "--telegram-id", "@budi"}, 2, "telegram-id", map[string]int64{"siti": 4242}},
		{"too big", []string{"--username", "budi", "--telegram-id", "9999999999999999"}, 2, "--telegram-id", map[string]int64{"siti": 4242}},
		{"no account", []string{"--username", "nobody", "--telegram-id", "1"}, 1, `no account "nobody"`, map[string]int64{"siti": 4242}},
		{"unlink", []string{"--username", "siti", "--telegram-id", "0"}, 0, "linked to no Telegram user", map[string]int64{}},
		{"the freed id", []string{"--username", "budi", "--telegram-id", "4242"}, 0, "as \"budi\"", map[string]int64{"budi": 4242}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := run(append([]string{"moderator", "telegram"}, tc.args...)...)
			if code != tc.wantCode || !strings.Contains(out, tc.want) {
				t.Fatalf("exit %d, want %d with %q:\n%s", code, tc.wantCode, tc.want, out)
			}
			st := openDBFile(t, db)
			links, err := st.TelegramLinks(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int64{}
			for _, name := range []string{"siti", "budi"} {
				m, _ := st.ModeratorByName(context.Background(), name)
				if id, ok := links[m.ID]; ok {
					got[name] = id
				}
			}
			if len(got) != len(tc.links) || got["siti"] != tc.links["siti"] || got["budi"] != tc.links["budi"] {
				t.Fatalf("links %v, want %v", got, tc.links)
			}
			st.Close()
		})
	}
	st := openDBFile(t, db)
	if a, _ := st.Audit(context.Background(), "cli", 0, 10); len(a) != 3 || a[0].Action != "moderator_telegram" || a[0].Detail != "budi → 4242" {
		t.Fatalf("audit %+v", a)
	}
}

// TestParseConfig_Chat: the chat's settings are checked before anything
// opens, and a message never repeats a token or webhook URL.
func TestParseConfig_Chat(t *testing.T) {
	const token = "123456789:AAsecret_part-x"
	for _, tc := range []struct {
		name string
		args []string
		want string // "" = accepted
	}{
		{"off", nil, ""},
		{"telegram", []string{"-telegram-token", token, "-telegram-chat", "-1001234567890"}, ""},
		{"channel", []string{"-telegram-token", token, "-telegram-chat", "@redaksi_desk"}, ""},
		{"slack", []string{"-slack-webhook-url", "https://hooks.slack.com/services/T/B/x"}, ""},
		{"token without chat", []string{"-telegram-token", token}, "set both"},
		{"chat without token", []string{"-telegram-chat", "-100"}, "set both"},
		{"bad token", []string{"-telegram-token", "AAsecret_part-x", "-telegram-chat", "-100"}, "-telegram-token: want a token"},
		{"bad chat", []string{"-telegram-token", token, "-telegram-chat", "redaksi desk"}, "-telegram-chat"},
		{"short channel", []string{"-telegram-token", token, "-telegram-chat", "@abc"}, "-telegram-chat"},
		{"bad api", []string{"-telegram-api", "ftp://x"}, "-telegram-api"},
		{"bad slack", []string{"-slack-webhook-url", "hooks.slack.com/services/secret-path"}, "-slack-webhook-url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig(append([]string{"-db", t.TempDir() + "/b.db"}, tc.args...), func(string) string { return "" })
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Fatalf("the error repeats a secret: %v", err)
			}
		})
	}
	cfg, _ := ParseConfig([]string{"-telegram-api", "http://127.0.0.1:9/"}, func(string) string { return "" })
	if cfg.TelegramAPI != "http://127.0.0.1:9" {
		t.Errorf("TelegramAPI %q", cfg.TelegramAPI)
	}
}
