// Package mail sends Balasan's mail: the moderators' notice of each
// comment that waits, and the commenters' double opt-in reply mail. Every
// message is built from html/template plus a text/template plain part, so
// comment markup can never put a link or an image in an inbox.
package mail

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Transport sends messages through one SMTP server.
type Transport struct {
	mu     sync.Mutex
	client *gomail.Client
}

// ParseURL reads BALASAN_SMTP_URL: smtp://user:pass@host:port uses
// STARTTLS when the server offers it (port 587 by default); smtps:// is
// TLS from the first byte (port 465 by default). It does not connect.
func ParseURL(raw string) (*Transport, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("smtp url: want smtp://user:pass@host:port or smtps://…")
	}
	opts := []gomail.Option{gomail.WithTimeout(15 * time.Second)}
	port := 587
	switch u.Scheme {
	case "smtp":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("smtp url: scheme %q, want smtp or smtps", u.Scheme)
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil || port <= 0 || port > 65535 {
			return nil, fmt.Errorf("smtp url: bad port %q", p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp url: %w", err)
	}
	return &Transport{client: c}, nil
}

// Send delivers messages over one connection.
func (t *Transport) Send(ctx context.Context, msgs ...*gomail.Msg) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.client.DialAndSendWithContext(ctx, msgs...)
}
