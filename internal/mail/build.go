package mail

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"unicode"

	gomail "github.com/wneessen/go-mail"

	"balasan/internal/i18n"
)

//go:embed templates
var files embed.FS

// Both parts are parsed once; a broken template stops the start.
var (
	htmlNotice = htmltemplate.Must(htmltemplate.ParseFS(files, "templates/notice.html"))
	textNotice = texttemplate.Must(texttemplate.ParseFS(files, "templates/notice.txt"))
)

// Notice is the content of one mail. Every field is plain text: the HTML
// part escapes it, so a comment's markup shows as text, never as a link
// or an image.
type Notice struct {
	Lang             i18n.Lang
	To               []string
	Subject          string
	Intro            string
	Facts            []Fact
	Quotes           []Quote
	ActionURL        string
	ActionLabel      string
	Notes            []string
	UnsubscribeURL   string // also sent as List-Unsubscribe (RFC 8058)
	UnsubscribeLabel string
}

// Fact is one labelled line (article, author, …).
type Fact struct{ Label, Value string }

// Quote is a comment's text with its author's name.
type Quote struct{ Label, Author, Text string }

// HeaderText makes s safe for a header: control characters (CR and LF
// above all) become spaces, runs of space collapse, and it is cut to a
// readable length. No header can be injected through it.
func HeaderText(s string, maxRunes int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxRunes {
		s = string(r[:maxRunes-1]) + "…"
	}
	return s
}

// Build renders a notice into a message from the sender address.
func Build(from string, n Notice) (*gomail.Msg, error) {
	n.Subject = HeaderText(n.Subject, 150)
	var html, text bytes.Buffer
	if err := htmlNotice.Execute(&html, n); err != nil {
		return nil, err
	}
	if err := textNotice.Execute(&text, n); err != nil {
		return nil, err
	}
	m := gomail.NewMsg()
	if err := m.From(from); err != nil {
		return nil, err
	}
	if err := m.To(n.To...); err != nil {
		return nil, err
	}
	m.Subject(n.Subject)
	m.SetDate()
	m.SetMessageID()
	// RFC 3834: an automatic message; well-behaved auto-responders stay quiet.
	m.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	if n.UnsubscribeURL != "" {
		m.SetListUnsubscribe(n.UnsubscribeURL)
		m.SetListUnsubscribePost()
	}
	m.SetBodyString(gomail.TypeTextPlain, text.String())
	m.AddAlternativeString(gomail.TypeTextHTML, html.String())
	return m, nil
}
