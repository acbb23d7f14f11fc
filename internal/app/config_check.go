package app

import (
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"

	"balasan/internal/mail"
	"balasan/internal/secret"
	"balasan/internal/webhook"
)

// deliveryErrors checks the settings of mail and webhooks, whether or not
// they are turned on: a mistake is reported the day it is made, not the
// day someone sets BALASAN_SMTP_URL.
// The default sender (balasan@ + base host) is only checked with mail on:
// an IPv6 base host makes no address, and needs none without mail.
func (c *Config) deliveryErrors(attempts string, fromGiven bool) []error {
	var errs []error
	n, err := strconv.Atoi(attempts)
	if err != nil || n < 1 {
		errs = append(errs, errors.New("-outbox-attempts: want a whole number ≥ 1"))
	}
	c.OutboxAttempts = n
	if c.OutboxPoll <= 0 {
		errs = append(errs, errors.New("-outbox-poll: want a duration above 0, like 5s"))
	}
	if c.OutboxRetryMin <= 0 || c.OutboxRetryMax < c.OutboxRetryMin {
		errs = append(errs, errors.New("-outbox-retry-min, -outbox-retry-max: want 0 < min ≤ max"))
	}
	if c.SMTPURL != "" {
		if _, err := mail.ParseURL(c.SMTPURL); err != nil {
			errs = append(errs, fmt.Errorf("-smtp-url: %w", err)) // names no password
		}
	}
	if _, err := netmail.ParseAddress(c.MailFrom); err != nil && (fromGiven || c.SMTPURL != "") {
		errs = append(errs, fmt.Errorf("-mail-from: %q is not an address", c.MailFrom))
	}
	for _, a := range c.Notify {
		if _, err := netmail.ParseAddress(a); err != nil {
			errs = append(errs, fmt.Errorf("-notify: %q is not an address", a))
		}
	}
	if c.WebhookURL != "" {
		if u, err := url.Parse(c.WebhookURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, errors.New("-webhook-url: want an http(s) URL"))
		}
	}
	if _, err := webhook.SigningKey(c.WebhookSecret); err != nil {
		errs = append(errs, fmt.Errorf("-webhook-secret: %w", err))
	}
	return errs
}

// serveErrors checks the remaining settings that only fail when used.
func (c *Config) serveErrors() []error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("-addr: want host:port, like 127.0.0.1:8080, got %q", c.Addr))
	}
	if c.SecretKey != "" {
		if _, err := secret.ParseKey(c.SecretKey); err != nil {
			errs = append(errs, fmt.Errorf("-secret-key: want %d hex digits", 2*secret.KeySize)) // never the value
		}
	}
	switch c.LogFormat {
	case "", "json", "text":
	default:
		errs = append(errs, fmt.Errorf("-log-format: want json or text, got %q", c.LogFormat))
	}
	if c.Postgres() {
		if u, err := url.Parse(c.DB); err != nil || u.Host == "" {
			errs = append(errs, errors.New("-db: not a valid postgres:// URL")) // it may hold a password
		}
	} else if c.DB == "" {
		errs = append(errs, errors.New("-db: want a SQLite file or a postgres:// URL"))
	}
	return errs
}
