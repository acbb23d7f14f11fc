package apptest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Mailbox is a real SMTP server on a loopback port that keeps every
// message it receives, for tests of the mail Balasan sends.
type Mailbox struct {
	T    testing.TB
	Addr string

	mu      sync.Mutex
	srv     *smtp.Server
	ln      net.Listener
	msgs    []Mail
	arrived chan struct{}
}

// Mail is one received message, parsed.
type Mail struct {
	From   string
	To     []string
	Raw    string
	Header mail.Header
	Text   string // the text/plain part, decoded
	HTML   string // the text/html part, decoded
}

// NewMailbox starts a mailbox; it stops with the test.
func NewMailbox(tb testing.TB) *Mailbox {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	m := &Mailbox{T: tb, Addr: ln.Addr().String(), arrived: make(chan struct{}, 1)}
	m.serve(ln)
	tb.Cleanup(m.Stop)
	return m
}

// URL is the BALASAN_SMTP_URL of the mailbox.
func (m *Mailbox) URL() string { return "smtp://" + m.Addr }

func (m *Mailbox) serve(ln net.Listener) {
	srv := smtp.NewServer(backend{m})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	m.mu.Lock()
	m.srv, m.ln = srv, ln
	m.mu.Unlock()
	go srv.Serve(ln)
}

// Stop takes the server down: connections are refused until Start.
func (m *Mailbox) Stop() {
	m.mu.Lock()
	srv, ln := m.srv, m.ln
	m.srv, m.ln = nil, nil
	m.mu.Unlock()
	if srv != nil {
		ln.Close() // Serve may not have started yet; the port must close now
		srv.Close()
	}
}

// Start brings a stopped server back on the same address.
func (m *Mailbox) Start() {
	m.T.Helper()
	var ln net.Listener
	var err error
	for range 50 { // the port may take a moment to be free again
		if ln, err = net.Listen("tcp", m.Addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		m.T.Fatal(err)
	}
	m.serve(ln)
}

// Messages returns what arrived so far.
func (m *Mailbox) Messages() []Mail {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Mail(nil), m.msgs...)
}

// Wait returns the messages once at least n have arrived; it fails the
// test if they do not within a minute (a hang guard, not a speed check).
func (m *Mailbox) Wait(n int) []Mail {
	m.T.Helper()
	deadline := time.After(time.Minute)
	for {
		if got := m.Messages(); len(got) >= n {
			return got
		}
		select {
		case <-m.arrived:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			m.T.Fatalf("mailbox: %d messages arrived, want %d", len(m.Messages()), n)
		}
	}
}

// WaitFor returns the first message to addr whose subject contains subject.
func (m *Mailbox) WaitFor(addr, subject string) Mail {
	m.T.Helper()
	deadline := time.After(time.Minute)
	for {
		for _, msg := range m.Messages() {
			for _, to := range msg.To {
				if strings.EqualFold(to, addr) && strings.Contains(msg.Subject(), subject) {
					return msg
				}
			}
		}
		select {
		case <-m.arrived:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			m.T.Fatalf("mailbox: no mail to %s about %q", addr, subject)
		}
	}
}

// Subject is the decoded subject.
func (ml Mail) Subject() string {
	s, err := new(mime.WordDecoder).DecodeHeader(ml.Header.Get("Subject"))
	if err != nil {
		return ml.Header.Get("Subject")
	}
	return s
}

func (m *Mailbox) add(ml Mail) {
	m.mu.Lock()
	m.msgs = append(m.msgs, ml)
	m.mu.Unlock()
	select {
	case m.arrived <- struct{}{}:
	default:
	}
}

type backend struct{ m *Mailbox }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{m: b.m}, nil }

type session struct {
	m    *Mailbox
	from string
	to   []string
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ml := Mail{From: s.from, To: s.to, Raw: string(raw)}
	if msg, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
		ml.Header = msg.Header
		parsePart(&ml, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	}
	s.m.add(ml)
	return nil
}

// parsePart fills Text and HTML from a message body, walking multiparts.
func parsePart(ml *Mail, contentType, encoding string, body io.Reader) {
	mt, params, _ := mime.ParseMediaType(contentType)
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return
			}
			parsePart(ml, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p)
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	b, _ := io.ReadAll(body)
	switch mt {
	case "text/plain":
		ml.Text = string(b)
	case "text/html":
		ml.HTML = string(b)
	}
}
