package server

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/web"
)

// Renderer executes templates parsed once at start-up; a broken template
// stops the server at start, never a request.
type Renderer struct {
	t *template.Template
}

// funcs are the helpers templates may call.
var funcs = template.FuncMap{
	"date": func(l i18n.Lang, t time.Time) string { return FormatDate(l, t) },
	"iso":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"add":  func(a, b int) int { return a + b },
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m, nil
	},
	// safeHTML marks sanitised comment HTML; it is only ever given
	// content_html, which the sanitiser produced on the way in.
	"safeHTML": func(s string) template.HTML { return template.HTML(s) },
	"initials": Initials,
	"list":     func(s ...string) []string { return s },
	"status":   func(s string) comment.Status { return comment.Status(s) },
	"actions":  comment.ActionsFor,
	// score prints a learned spam probability (a pointer: nil when none).
	"score": func(p *float64) string {
		if p == nil {
			return ""
		}
		return fmt.Sprintf("%.2f", *p)
	},
	// asset is a static file's content-hashed URL path (cached for a year).
	"asset": web.AssetPath,
}

// NewRenderer parses every template under web/templates.
func NewRenderer() (*Renderer, error) {
	t := template.New("").Funcs(funcs)
	err := fs.WalkDir(web.Templates, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := web.Templates.ReadFile(path)
		if err != nil {
			return err
		}
		_, err = t.New(strings.TrimPrefix(path, "templates/")).Parse(string(b))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	return &Renderer{t: t}, nil
}

// Render implements echo.Renderer. It renders into a buffer first so a
// template error never sends half a page.
func (r *Renderer) Render(w io.Writer, name string, data any, _ echo.Context) error {
	var buf bytes.Buffer
	if err := r.t.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}

// Bytes renders a template to bytes, for pages kept in a cache.
func (r *Renderer) Bytes(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	err := r.t.ExecuteTemplate(&buf, name, data)
	return buf.Bytes(), err
}

// Names lists the templates, for the test that renders every page.
func (r *Renderer) Names() []string {
	var out []string
	for _, t := range r.t.Templates() {
		if strings.HasSuffix(t.Name(), ".html") {
			out = append(out, t.Name())
		}
	}
	return out
}

var months = map[i18n.Lang][12]string{
	i18n.ID: {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	i18n.EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// jakarta is the zone our readers live in; comment times read as WIB.
var jakarta = time.FixedZone("WIB", 7*3600)

// FormatDate writes a time the way the reader's language does.
func FormatDate(l i18n.Lang, t time.Time) string {
	t = t.In(jakarta)
	m := months[l][t.Month()-1]
	if l == i18n.EN {
		return fmt.Sprintf("%s %d, %d at %s WIB", m, t.Day(), t.Year(), t.Format("15:04"))
	}
	return fmt.Sprintf("%d %s %d pukul %s WIB", t.Day(), m, t.Year(), t.Format("15.04"))
}

// Initials is the avatar text of a name: up to two initials, no email or
// hash of it involved, so an avatar can never reveal an address.
func Initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if len(out) < 2 {
				out = append(out, []rune(strings.ToUpper(string(r)))...)
			}
			break
		}
	}
	if len(out) == 0 {
		return "?"
	}
	return string(out)
}
