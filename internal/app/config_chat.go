package app

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"balasan/internal/telegram"
)

// chatErrors checks the newsroom chat's settings: a token and a chat come
// together; a token is never repeated in a message.
func (c *Config) chatErrors(token, chat, api, slack string) []error {
	var errs []error
	c.TelegramToken, c.TelegramChat, c.SlackWebhookURL = token, chat, slack
	c.TelegramAPI = strings.TrimRight(api, "/")
	if token != "" && !telegram.ValidToken(token) {
		errs = append(errs, errors.New("-telegram-token: want a token from BotFather, like 123456789:AA…"))
	}
	if (token == "") != (chat == "") {
		errs = append(errs, errors.New("-telegram-token, -telegram-chat: set both, or neither"))
	}
	if chat != "" && !validChat(chat) {
		errs = append(errs, fmt.Errorf("-telegram-chat: want a chat id (like -1001234567890) or @channelname, got %q", chat))
	}
	if u, err := url.Parse(c.TelegramAPI); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.RawQuery != "" || u.User != nil {
		errs = append(errs, errors.New("-telegram-api: want an http(s) URL"))
	}
	if slack != "" {
		if u, err := url.Parse(slack); err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" {
			errs = append(errs, errors.New("-slack-webhook-url: want an http(s) URL, like https://hooks.slack.com/services/…"))
		}
	}
	return errs
}

// validChat accepts a numeric chat id or a public @username (5 to 32
// letters, digits and underscores).
func validChat(s string) bool {
	if name, ok := strings.CutPrefix(s, "@"); ok {
		return len(name) >= 5 && len(name) <= 32 && !strings.ContainsFunc(name, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_')
		})
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n != 0
}
