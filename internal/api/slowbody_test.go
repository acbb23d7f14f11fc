package api_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"balasan/internal/apptest"
)

// slowSender opens a raw connection and posts a comment whose body comes
// one byte a second, as the attack did. It asks for 100-continue, so the
// test learns without any sleep when the server has started on the
// request: the server's first read of the body sends "100 Continue".
type slowSender struct {
	conn net.Conn
	resp *bufio.Reader
}

func startSlow(t *testing.T, addr string) *slowSender {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(time.Minute)) // a bound on a broken test, not a measurement
	head := "POST /comments HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"Content-Length: 4000\r\nExpect: 100-continue\r\n\r\n"
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	return &slowSender{conn: conn, resp: bufio.NewReader(conn)}
}

// drip sends a byte a second until the server closes the connection or
// stop is closed.
func (s *slowSender) drip(stop <-chan struct{}) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		if _, err := s.conn.Write([]byte("c")); err != nil {
			return
		}
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
}

// next reads the next answer's status.
func (s *slowSender) next() (int, error) {
	r, err := http.ReadResponse(s.resp, nil)
	if err != nil {
		return 0, err
	}
	return r.StatusCode, nil
}

// TestSubmit_SlowBodiesTakeNoSlot opens 100 connections that send their
// body a byte a second (more than the 64 submission slots) and checks a
// reader on a normal connection still gets the comment through, and that
// each slow one is then cut off with 408 (or closed).
func TestSubmit_SlowBodiesTakeNoSlot(t *testing.T) {
	env := apptest.New(t)
	addr := env.Server.Listener.Addr().String()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	defer func() { close(stop); wg.Wait() }()
	slow := make([]*slowSender, 100)
	for i := range slow {
		slow[i] = startSlow(t, addr)
	}
	// Wait until the server works on every slow request: it asked for
	// the body (100) or already answered (a 503 before the fix).
	first := make([]int, len(slow))
	for i, s := range slow {
		st, err := s.next()
		if err != nil {
			t.Fatalf("slow sender %d: %v", i, err)
		}
		first[i] = st
		wg.Add(1)
		go func() { defer wg.Done(); s.drip(stop) }()
	}
	for i, st := range first {
		if st != http.StatusContinue {
			t.Errorf("slow sender %d was answered %d before its body came, want 100 Continue", i, st)
			break
		}
	}

	v := apptest.Form(key)
	r := env.Do(env.Client(), http.MethodPost, "/comments", "application/x-www-form-urlencoded", v.Encode(),
		http.Header{"Accept": {"application/json"}})
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("a normal submission while 100 bodies trickle in: %d %s", r.StatusCode, r.Body)
	}

	for i, s := range slow {
		st, err := s.next()
		if err == nil && st != http.StatusRequestTimeout {
			t.Errorf("slow sender %d: %d, want 408", i, st)
		}
	}
}

// TestSubmit_BodyBounds: a body over the limit is 413 whether or not it
// states its length; a body that ends before its stated length is 400.
func TestSubmit_BodyBounds(t *testing.T) {
	env := apptest.New(t)
	addr := env.Server.Listener.Addr().String()
	big := "comment=" + strings.Repeat("x", 2<<20)
	post := func(body io.Reader, length int64) int {
		req, _ := http.NewRequest(http.MethodPost, env.URL+"/comments", body)
		req.ContentLength = length
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	tests := []struct {
		name string
		send func() int
		want int
	}{
		{"stated length over the limit", func() int { return post(strings.NewReader(big), int64(len(big))) }, http.StatusRequestEntityTooLarge},
		{"chunked over the limit", func() int { return post(io.MultiReader(strings.NewReader(big)), -1) }, http.StatusRequestEntityTooLarge},
		{"cut short", func() int { return rawPost(t, addr, "Content-Length: 100\r\n", "comment=x") }, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.send(); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
}

// rawPost sends a submission whose body ends before its stated length
// (the client half-closes), and returns the status of the answer.
func rawPost(t *testing.T, addr, header, body string) int {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Minute))
	io.WriteString(conn, "POST /comments HTTP/1.1\r\nHost: "+addr+"\r\nContent-Type: application/x-www-form-urlencoded\r\n"+header+"\r\n"+body)
	conn.(*net.TCPConn).CloseWrite()
	r, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r.StatusCode
}
