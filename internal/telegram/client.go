// Package telegram posts each waiting comment to the newsroom's Telegram
// chat with Setujui / Spam / Sampah buttons, and reads the presses by long
// polling (getUpdates), so Balasan needs no public inbound URL. Only a
// Telegram user an admin linked to a moderator account may act; the act
// is that account's (comment.Service.ModerateFromChat).
//
// The chat never sees a commenter's email or IP address.
package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultAPI is the Bot API's address.
const DefaultAPI = "https://api.telegram.org"

// Client calls the Bot API of one bot.
type Client struct {
	API   string // DefaultAPI, or a test's server
	Token string // from BotFather: "123456:ABC…"
	HTTP  *http.Client
}

// APIError is an answer of the Bot API with ok false.
type APIError struct {
	Method      string
	Code        int // the HTTP-like error_code
	Description string
	RetryAfter  time.Duration // parameters.retry_after of a 429
}

func (e *APIError) Error() string {
	return fmt.Sprintf("telegram %s: %d %s", e.Method, e.Code, e.Description)
}

// BotID is the bot's own id, the token's part before the colon: it names
// the bot's update stream in the store without keeping the secret part.
func BotID(token string) string {
	id, _, _ := strings.Cut(token, ":")
	return id
}

// ValidToken tells whether s has the shape of a bot token (digits, a
// colon, then letters, digits, _ and -), so a mistyped setting is found
// at start and a token never has to be escaped in a URL.
func ValidToken(s string) bool {
	id, secret, ok := strings.Cut(s, ":")
	if !ok || id == "" || secret == "" || strings.Trim(id, "0123456789") != "" {
		return false
	}
	return !strings.ContainsFunc(secret, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	})
}

// maxAnswer bounds an answer read: a batch of 100 updates fits easily.
const maxAnswer = 4 << 20

// call posts params as JSON to method and decodes the result into out.
// Its errors never hold the token, which is part of the URL: they reach
// logs and the outbox's last_error.
func (c *Client) call(ctx context.Context, method string, params, out any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.API+"/bot"+c.Token+"/"+method, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("telegram %s: bad API address", method)
	}
	req.Header.Set("Content-Type", "application/json")
	client := c.HTTP
	if client == nil {
		client = http.DefaultClient // each call's ctx bounds it
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // *url.Error names the URL, and with it the token
		}
		return fmt.Errorf("telegram %s: %w", method, err)
	}
	defer resp.Body.Close()
	var ans struct {
		OK          bool            `json:"ok"`
		Result      json.RawMessage `json:"result"`
		ErrorCode   int             `json:"error_code"`
		Description string          `json:"description"`
		Parameters  struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return fmt.Errorf("telegram %s: %w", method, err)
	}
	if err := json.Unmarshal(raw, &ans); err != nil {
		return &APIError{Method: method, Code: resp.StatusCode, Description: "answer is not JSON"}
	}
	if !ans.OK {
		code := ans.ErrorCode
		if code == 0 {
			code = resp.StatusCode
		}
		return &APIError{Method: method, Code: code, Description: clip(ans.Description, 200),
			RetryAfter: time.Duration(ans.Parameters.RetryAfter) * time.Second}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(ans.Result, out); err != nil {
		return fmt.Errorf("telegram %s: result: %w", method, err)
	}
	return nil
}

// Button is an inline keyboard button that sends callback data back.
type Button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// Keyboard is an inline keyboard: rows of buttons.
type Keyboard struct {
	InlineKeyboard [][]Button `json:"inline_keyboard"`
}

// Message is what Balasan reads of a message.
type Message struct {
	MessageID int64  `json:"message_id"`
	Chat      Chat   `json:"chat"`
	Text      string `json:"text"`
}

// Chat is a message's chat.
type Chat struct {
	ID int64 `json:"id"`
}

// User is who pressed a button.
type User struct {
	ID        int64  `json:"id"`
	FirstName string `json:"first_name"`
	Username  string `json:"username"`
}

// CallbackQuery is a button press.
type CallbackQuery struct {
	ID      string   `json:"id"`
	From    User     `json:"from"`
	Message *Message `json:"message"`
	Data    string   `json:"data"`
}

// Update is one event of getUpdates; Balasan asks only for button presses.
type Update struct {
	UpdateID      int64          `json:"update_id"`
	CallbackQuery *CallbackQuery `json:"callback_query"`
}

// noPreview keeps Telegram from unfurling the dashboard link (or a link
// in the comment) under the message.
var noPreview = map[string]bool{"is_disabled": true}

// SendMessage posts plain text (no parse_mode: nothing in a comment can
// format or link) with an inline keyboard to chat, an id or @channel.
func (c *Client) SendMessage(ctx context.Context, chat, text string, kb *Keyboard) (Message, error) {
	var m Message
	err := c.call(ctx, "sendMessage", map[string]any{"chat_id": chat, "text": text, "reply_markup": kb,
		"link_preview_options": noPreview}, &m)
	return m, err
}

// EditMessageText replaces a message's text and removes its buttons.
func (c *Client) EditMessageText(ctx context.Context, chatID, messageID int64, text string) error {
	return c.call(ctx, "editMessageText", map[string]any{"chat_id": chatID, "message_id": messageID, "text": text,
		"link_preview_options": noPreview}, nil)
}

// AnswerCallbackQuery ends a button's spinner, showing text to its presser.
func (c *Client) AnswerCallbackQuery(ctx context.Context, id, text string) error {
	return c.call(ctx, "answerCallbackQuery", map[string]any{"callback_query_id": id, "text": text}, nil)
}

// GetUpdates waits up to timeout for button presses from offset on.
func (c *Client) GetUpdates(ctx context.Context, offset int64, timeout time.Duration) ([]Update, error) {
	var us []Update
	err := c.call(ctx, "getUpdates", map[string]any{"offset": offset, "timeout": int(timeout / time.Second),
		"allowed_updates": []string{"callback_query"}}, &us)
	return us, err
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
