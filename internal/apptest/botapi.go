package apptest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"balasan/internal/telegram"
)

// BotAPI is a Telegram Bot API server for tests, speaking the protocol
// Balasan uses: sendMessage, getUpdates (a long poll over the queued
// updates), answerCallbackQuery and editMessageText under /bot<TOKEN>/.
// Unlike Telegram it never forgets an update, so a client that asks from
// an old offset gets old presses again: a replay shows.
type BotAPI struct {
	Server *httptest.Server
	Token  string

	mu      sync.Mutex
	changed chan struct{} // closed and replaced at each change
	updates []telegram.Update
	nextID  int64
	calls   map[string][]map[string]any
	fails   map[string][]failure
}

type failure struct{ code, retryAfter int }

// NewBotAPI starts the server; it stops when the test ends.
func NewBotAPI(tb testing.TB) *BotAPI {
	b := &BotAPI{Token: "123456789:AAtest-Token_x", changed: make(chan struct{}), nextID: 1,
		calls: map[string][]map[string]any{}, fails: map[string][]failure{}}
	b.Server = httptest.NewServer(http.HandlerFunc(b.serve))
	tb.Cleanup(b.Server.Close)
	return b
}

// URL is the API address, for BALASAN_TELEGRAM_API.
func (b *BotAPI) URL() string { return b.Server.URL }

// FailNext makes the next call of method answer code (with retry_after
// seconds for a 429), as Telegram answers when it is down or flooded.
func (b *BotAPI) FailNext(method string, code, retryAfter int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fails[method] = append(b.fails[method], failure{code, retryAfter})
}

// Press queues a button press by user from on msg and returns its query id.
func (b *BotAPI) Press(from int64, data string, msg telegram.Message) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	id := b.nextID
	b.nextID++
	qid := "q" + strconv.FormatInt(id, 10)
	b.updates = append(b.updates, telegram.Update{UpdateID: id, CallbackQuery: &telegram.CallbackQuery{
		ID: qid, From: telegram.User{ID: from, FirstName: "Pengguna"}, Message: &msg, Data: data}})
	b.changedLocked()
	return qid
}

func (b *BotAPI) changedLocked() {
	close(b.changed)
	b.changed = make(chan struct{})
}

// Calls returns the parameters of every call of method so far.
func (b *BotAPI) Calls(method string) []map[string]any {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]map[string]any(nil), b.calls[method]...)
}

// WaitCalls waits until method was called at least n times.
func (b *BotAPI) WaitCalls(tb testing.TB, method string, n int) []map[string]any {
	tb.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		b.mu.Lock()
		got, ch := b.calls[method], b.changed
		b.mu.Unlock()
		if len(got) >= n {
			return b.Calls(method)
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s called %d times, want %d", method, len(got), n)
		}
		select {
		case <-ch:
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (b *BotAPI) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot"+b.Token+"/")
	if !ok || r.Method != http.MethodPost {
		answer(w, http.StatusUnauthorized, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	var params map[string]any
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &params); err != nil {
		answer(w, http.StatusBadRequest, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: no JSON"})
		return
	}
	b.mu.Lock()
	b.calls[rest] = append(b.calls[rest], params)
	b.changedLocked()
	var fail *failure
	if f := b.fails[rest]; len(f) > 0 {
		fail, b.fails[rest] = &f[0], f[1:]
	}
	b.mu.Unlock()
	if fail != nil {
		a := map[string]any{"ok": false, "error_code": fail.code, "description": http.StatusText(fail.code)}
		if fail.retryAfter > 0 {
			a["parameters"] = map[string]any{"retry_after": fail.retryAfter}
		}
		answer(w, fail.code, a)
		return
	}
	switch rest {
	case "getUpdates":
		b.getUpdates(w, r, params)
	case "sendMessage":
		text, _ := params["text"].(string)
		answer(w, http.StatusOK, map[string]any{"ok": true, "result": map[string]any{
			"message_id": len(b.Calls("sendMessage")), "chat": map[string]any{"id": -100123}, "text": text}})
	case "answerCallbackQuery", "editMessageText":
		answer(w, http.StatusOK, map[string]any{"ok": true, "result": true})
	default:
		answer(w, http.StatusNotFound, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
	}
}

// getUpdates answers the queued updates from offset on, waiting up to
// timeout seconds for one (as Telegram's long poll does).
func (b *BotAPI) getUpdates(w http.ResponseWriter, r *http.Request, params map[string]any) {
	offset, _ := params["offset"].(float64)
	timeout, _ := params["timeout"].(float64)
	deadline := time.After(time.Duration(timeout) * time.Second)
	for {
		b.mu.Lock()
		var out []telegram.Update
		for _, u := range b.updates {
			if u.UpdateID >= int64(offset) {
				out = append(out, u)
			}
		}
		ch := b.changed
		b.mu.Unlock()
		if len(out) > 0 {
			answer(w, http.StatusOK, map[string]any{"ok": true, "result": out})
			return
		}
		select {
		case <-ch:
		case <-deadline:
			answer(w, http.StatusOK, map[string]any{"ok": true, "result": []telegram.Update{}})
			return
		case <-r.Context().Done():
			return
		}
	}
}

func answer(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
