package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"balasan/internal/apptest"
)

// FuzzSubmit sends random submissions through the whole route — every
// encoding we take and some we do not, random bytes, content types and
// sizes — and asserts the answer is never a 5xx and the database stays
// intact (SQLite's integrity_check, the kept counts matching the rows).
func FuzzSubmit(f *testing.F) {
	env := apptest.New(f)
	h, st := env.App.Echo, env.App.Store
	seeds := []struct {
		mode                                                uint8
		ctype, key, author, email, site, text, parent, noti string
		raw                                                 []byte
		repeat                                              uint16
	}{
		{0, "", "berita-1", "Budi", "budi@example.test", "", "Halo", "0", "", nil, 1},
		{1, "", "42", "Siti", "siti@example.test", "https://siti.example", "<b>tebal</b> <script>x</script>", "0", "1", nil, 1},
		{2, "", "k", "A", "a@b.co", "", "x", "", "", []byte(`{"a":`), 1},
		{3, "", "k", "Dédé", "d@e.fr", "", "multipart", "", "on", nil, 1},
		{4, "text/plain; charset=latin1", "", "", "", "", "", "", "", []byte("\xff\xfe\x00hello"), 1},
		{0, "; charset=iso-8859-1", "k", "\x00nul", "a@b.co", "", "bad \xc3\x28 utf-8 \x00", "", "", nil, 3},
		{1, "", "k", "A", "a@b.co", "", "panjang ", "", "", nil, 9000},
		{0, "", "k", "A", "a@b.co", "javascript:alert(1)", "x", "99999999999999999999", "", nil, 1},
		{4, "application/json", "", "", "", "", "", "", "", []byte(`{"comment_post_ID":{"$gt":1},"comment":[1,2]}`), 1},
		{4, "application/x-www-form-urlencoded", "", "", "", "", "", "", "", []byte("comment=%zz&author=%"), 1},
		{4, "multipart/form-data; boundary=x", "", "", "", "", "", "", "", []byte("--x\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhi\r\n--x"), 1},
	}
	for _, s := range seeds {
		f.Add(s.mode, s.ctype, s.key, s.author, s.email, s.site, s.text, s.parent, s.noti, s.raw, s.repeat)
	}
	f.Fuzz(func(t *testing.T, mode uint8, ctype, key, author, email, site, text, parent, notify string, raw []byte, repeat uint16) {
		if n := int(repeat) % 20000; n > 1 && len(text)*n < 1500000 {
			text = strings.Repeat(text, n)
		}
		fields := [][2]string{{"comment_post_ID", key}, {"author", author}, {"email", email}, {"url", site},
			{"comment", text}, {"comment_parent", parent}, {"notify", notify}}
		body, contentType := encode(mode, ctype, fields, raw)
		req := httptest.NewRequest(http.MethodPost, "/comments", bytes.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if mode&8 != 0 {
			req.Header.Set("Accept", "application/json")
			req.Header.Set("Accept-Language", "en")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code < 200 || rec.Code >= 500 {
			t.Fatalf("status %d for %q %.300q\n%.500s", rec.Code, contentType, body, rec.Body)
		}
		if err := st.Check(context.Background()); err != nil {
			t.Fatalf("after %q %.300q: %v", contentType, body, err)
		}
	})
}

// encode builds a body in one of several encodings, valid or not.
func encode(mode uint8, ctype string, fields [][2]string, raw []byte) ([]byte, string) {
	switch mode % 5 {
	case 0: // the WordPress form, perhaps with a charset or junk appended
		v := url.Values{}
		for _, f := range fields {
			v.Set(f[0], f[1])
		}
		return append([]byte(v.Encode()), raw...), "application/x-www-form-urlencoded" + ctype
	case 1: // JSON as the widget sends it
		m := map[string]any{}
		for _, f := range fields {
			m[f[0]] = f[1]
		}
		if mode&16 != 0 {
			m["comment_post_ID"], m["notify"] = len(fields[0][1]), true
		}
		b, _ := json.Marshal(m)
		return b, "application/json" + ctype
	case 2: // JSON-ish text spliced with raw bytes, mostly malformed
		var b bytes.Buffer
		b.WriteString("{")
		for i, f := range fields {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"` + f[0] + `":"` + f[1] + `"`)
		}
		b.Write(raw)
		b.WriteString("}")
		return b.Bytes(), "application/json"
	case 3: // multipart, as some old forms post
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		for _, f := range fields {
			w.WriteField(f[0], f[1])
		}
		w.Close()
		return b.Bytes(), w.FormDataContentType()
	default: // anything at all
		return raw, ctype
	}
}
