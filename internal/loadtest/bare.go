package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"net"
	"net/http"
	"strconv"

	_ "modernc.org/sqlite"
)

// bare is the yardstick: a plain net/http server that sends fixed bytes
// from memory, and for writes only decodes the JSON and inserts it into
// SQLite (WAL, synchronous NORMAL, one transaction each). Its SQL lives
// here, not in internal/sqlite, because it is not Balasan's store.
type bare struct {
	bodies map[string]bareBody // path → what Balasan answered there
	db     *sql.DB
}

// bareBody is an answer copied from Balasan: its bytes and the headers
// that describe them.
type bareBody struct {
	body                                 []byte
	contentType, contentEncoding, length string
}

func newBare(dbPath string, bodies map[string]bareBody) (*bare, error) {
	db, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS comments (id INTEGER PRIMARY KEY, article_key TEXT NOT NULL,
		author TEXT NOT NULL, email TEXT NOT NULL, url TEXT NOT NULL, content TEXT NOT NULL)`); err != nil {
		return nil, err
	}
	return &bare{bodies: bodies, db: db}, nil
}

func (b *bare) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodGet && b.bodies[r.URL.Path].body != nil:
		a := b.bodies[r.URL.Path]
		w.Header().Set("Content-Type", a.contentType)
		if a.contentEncoding != "" {
			w.Header().Set("Content-Encoding", a.contentEncoding)
		}
		w.Header().Set("Content-Length", a.length)
		w.Write(a.body)
	case r.Method == http.MethodPost && r.URL.Path == "/comments":
		var in struct {
			Key     string `json:"comment_post_ID"`
			Author  string `json:"author"`
			Email   string `json:"email"`
			URL     string `json:"url"`
			Comment string `json:"comment"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(w, "bad json", http.StatusBadRequest)
			return
		}
		id, err := b.insert(r.Context(), in.Key, in.Author, in.Email, in.URL, in.Comment)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"id":` + strconv.FormatInt(id, 10) + `}`))
	default:
		http.NotFound(w, r)
	}
}

func (b *bare) insert(ctx context.Context, args ...any) (int64, error) {
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO comments (article_key, author, email, url, content) VALUES (?, ?, ?, ?, ?)`, args...)
	if err != nil {
		return 0, err
	}
	id, _ := res.LastInsertId()
	return id, tx.Commit()
}

func (b *bare) count() (int, error) {
	var n int
	return n, b.db.QueryRow(`SELECT COUNT(*) FROM comments`).Scan(&n)
}

// serve starts the bare server on a loopback port and returns its base URL.
func (b *bare) serve() (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: b}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close(); b.db.Close() }, nil
}
