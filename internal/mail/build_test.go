package mail

import (
	"bytes"
	"strings"
	"testing"
)

func TestHeaderText(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Budi Santoso", 100, "Budi Santoso"},
		{"Eve\r\nBcc: korban@example.test", 100, "Eve Bcc: korban@example.test"},
		{"a\nb\rc\x00d\u2028e", 100, "a b c d e"},
		{"  banyak   spasi\t ", 100, "banyak spasi"},
		{strings.Repeat("x", 20), 10, strings.Repeat("x", 9) + "…"},
		{"\xff bukan utf8", 100, "\uFFFD bukan utf8"},
	}
	for _, tt := range tests {
		if got := HeaderText(tt.in, tt.max); got != tt.want {
			t.Errorf("HeaderText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBuild_NoInjection: a subject or quoted text full of CR/LF and
// markup neither adds a header nor puts a tag, link or image in the mail.
func TestBuild_NoInjection(t *testing.T) {
	n := Notice{
		To:      []string{"redaksi@example.test"},
		Subject: "Komentar dari Eve\r\nBcc: korban@example.test\r\n\r\n<b>badan</b>",
		Intro:   "Halo",
		Facts:   []Fact{{"Penulis", `Eve"><img src=x onerror=alert(1)>`}},
		Quotes: []Quote{{Label: "Komentar", Author: "Eve\nX-Evil: 1",
			Text: `<a href="https://jahat.example">klik</a> <img src="https://jahat.example/p.gif"> <script>alert(1)</script>`}},
		ActionURL: "https://balasan.example/admin/comments?status=pending#c-1", ActionLabel: "Buka",
	}
	m, err := Build("balasan@example.test", n)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	head, _, _ := strings.Cut(raw, "\r\n\r\n")
	for _, line := range strings.Split(head, "\r\n") {
		name, _, _ := strings.Cut(line, ":")
		if strings.EqualFold(name, "Bcc") || strings.EqualFold(name, "X-Evil") {
			t.Errorf("injected header: %q", line)
		}
	}
	if strings.Count(strings.ToLower(raw), "korban@example.test") > 1 || strings.Contains(strings.ToLower(head), "\nbcc:") {
		t.Errorf("a Bcc address reached the headers:\n%s", head)
	}
	var html bytes.Buffer
	if err := htmlNotice.Execute(&html, n); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{`<img`, `<script`, `href="https://jahat.example"`, `<a href="https://jahat`} {
		if strings.Contains(html.String(), bad) {
			t.Errorf("html part contains %q", bad)
		}
	}
	if !strings.Contains(html.String(), "&lt;a href=&#34;https://jahat.example&#34;&gt;klik&lt;/a&gt;") {
		t.Errorf("comment markup is not shown as escaped text:\n%s", html.String())
	}
}

func TestParseURL(t *testing.T) {
	for _, tt := range []struct {
		url  string
		ok   bool
		addr string
	}{
		{"smtp://user:pass@mail.example:2525", true, "mail.example:2525"},
		{"smtp://mail.example", true, "mail.example:587"},
		{"smtps://u:p@mail.example", true, "mail.example:465"},
		{"http://mail.example", false, ""},
		{"smtp://mail.example:99999", false, ""},
		{"smtp://", false, ""},
	} {
		tr, err := ParseURL(tt.url)
		if (err == nil) != tt.ok {
			t.Errorf("ParseURL(%q): err %v, want ok %v", tt.url, err, tt.ok)
			continue
		}
		if tt.ok && tr.client.ServerAddr() != tt.addr {
			t.Errorf("ParseURL(%q): server %s, want %s", tt.url, tr.client.ServerAddr(), tt.addr)
		}
	}
}
