// Package webhook posts each new and each moderated comment to
// BALASAN_WEBHOOK_URL, signed with HMAC-SHA256, from the durable outbox.
// A payload never holds an email, an IP address or a user agent.
//
// Each delivery carries the Standard Webhooks headers (standardwebhooks.com):
// webhook-id (the same on every attempt of one job), webhook-timestamp
// (Unix seconds of this attempt) and, with a secret, webhook-signature
// "v1,BASE64(HMAC-SHA256(key, id.timestamp.body))". A receiver that checks
// the timestamp is recent and remembers the ids it took cannot be fed a
// captured delivery again. X-Balasan-Signature (the body alone) stays for
// receivers written before.
package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"balasan/internal/comment"
)

// Kind is the outbox job kind of a webhook delivery.
const Kind = "webhook"

// Header carries the signature: "sha256=" + hex HMAC of the body.
const Header = "X-Balasan-Signature"

// Headers of the Standard Webhooks spec.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// secretPrefix marks a secret in the Standard Webhooks form, whsec_ plus
// the base64 of the key bytes.
const secretPrefix = "whsec_"

// Payload is the JSON body. Only what the public may see, plus the status
// and, for moderation, who did it.
type Payload struct {
	Event      string `json:"event"` // "new" or "moderated"
	Action     string `json:"action,omitempty"`
	ID         int64  `json:"id"`
	ArticleKey string `json:"article_key"`
	ParentID   int64  `json:"parent_id"`
	Status     string `json:"status"` // "deleted" after a delete
	Previous   string `json:"previous_status,omitempty"`
	Author     string `json:"author"`
	AuthorURL  string `json:"author_url"`
	Content    string `json:"content_html"`
	CreatedAt  string `json:"created_at"`
	Moderator  string `json:"moderator,omitempty"`
}

// Hook builds and delivers webhooks.
type Hook struct {
	URL    string
	Secret string
	Client *http.Client
	// Now is the clock of webhook-timestamp; time.Now when nil.
	Now func() time.Time
}

// Jobs is the service's hook: one delivery per event, its body fixed when
// the change is stored (the id of a new comment is written in by the store).
func (h *Hook) Jobs(e comment.Event) []comment.Job {
	c := e.Comment
	p := Payload{Event: e.Kind, ID: -1, ArticleKey: c.ArticleKey, ParentID: c.ParentID,
		Status: string(c.Status), Author: c.Author, AuthorURL: c.AuthorURL, Content: c.HTML,
		CreatedAt: c.CreatedAt.UTC().Format(time.RFC3339)}
	if e.Kind == "moderated" {
		p.Action, p.Previous, p.Moderator = string(e.Action), string(e.From), e.Moderator
		if e.Action == comment.ActDelete {
			p.Status = "deleted"
		}
	}
	b, err := json.Marshal(p)
	if err != nil {
		return nil // cannot happen: only strings and numbers
	}
	body := strings.Replace(string(b), `"id":-1`, `"id":`+comment.IDText(c), 1)
	return []comment.Job{{Kind: Kind, Payload: body}}
}

// Sign returns the signature header's value for body.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// SigningKey is the key of webhook-signature for a configured secret: a
// secret written "whsec_BASE64" (as Standard Webhooks libraries make
// them) is the key those bytes decode to; any other secret is its own
// bytes. X-Balasan-Signature always uses the secret as written.
func SigningKey(secret string) ([]byte, error) {
	rest, ok := strings.CutPrefix(secret, secretPrefix)
	if !ok {
		return []byte(secret), nil
	}
	key, err := base64.StdEncoding.DecodeString(rest)
	if err != nil || len(key) == 0 {
		return nil, fmt.Errorf("a secret starting %q must continue in base64", secretPrefix)
	}
	return key, nil
}

// SignStandard returns the webhook-signature value for one delivery.
func SignStandard(key []byte, id, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + timestamp + "."))
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// Send posts one payload; any answer but 2xx is a failure to retry.
func (h *Hook) Send(ctx context.Context, body string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Balasan-Webhook/1")
	id := comment.DeliveryID(ctx)
	if id == "" { // sent outside the outbox: named by its body
		sum := sha256.Sum256([]byte(body))
		id = "msg_" + hex.EncodeToString(sum[:12])
	}
	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	ts := strconv.FormatInt(now().Unix(), 10)
	req.Header.Set(HeaderID, id)
	req.Header.Set(HeaderTimestamp, ts)
	if h.Secret != "" {
		key, err := SigningKey(h.Secret)
		if err != nil {
			return err
		}
		req.Header.Set(Header, Sign(h.Secret, []byte(body)))
		req.Header.Set(HeaderSignature, SignStandard(key, id, ts, []byte(body)))
	}
	client := h.Client
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook: %s answered %d", req.URL.Host, resp.StatusCode)
	}
	return nil
}
