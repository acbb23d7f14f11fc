// Package app reads the configuration, wires every part together, and runs
// Balasan's commands with graceful shutdown.
package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of `balasan serve`; each flag has an environment
// variable, and the flag wins.
type Config struct {
	Addr           string
	DB             string
	BaseURL        string
	AllowedOrigins []string
	FloodInterval  time.Duration
	TrustedProxies []*net.IPNet
	Moderation     string
	MaxLinks       int
	MinSubmit      time.Duration
	CloseAfter     time.Duration
	SecretKey      string // hex; else a key file beside the database
	SMTPURL        string
	MailFrom       string
	Notify         []string
	WebhookURL     string
	WebhookSecret  string
	IPRetention    time.Duration
	LogFormat      string // json or text; default: text on a terminal
	MaxSubmits     int    // submissions handled at once; more get 503
	CacheMB        int    // memory for ready-encoded threads and pages

	// SQLiteSync is "full" (an acknowledged comment survives a power cut)
	// or "normal" (it survives a crash of the process only).
	SQLiteSync string

	// Delivery of mail and webhooks from the outbox.
	OutboxPoll      time.Duration // how often the queue is checked
	OutboxRetryMin  time.Duration // wait after a failure; doubles each time
	OutboxRetryMax  time.Duration // longest wait between attempts
	OutboxAttempts  int           // attempts before a job is given up
	OutboxRetention time.Duration // how long delivered jobs are kept (0: always)

	// MetricsAddr serves /metrics on a listener of its own (a monitoring
	// network) instead of the public one; empty: the public one.
	MetricsAddr string
	// SpamStarter: the spam score starts from the shipped model; false:
	// only from moderators' decisions.
	SpamStarter bool

	// The newsroom's chat (issue 14, item 8): a Telegram bot posting
	// waiting comments with buttons, and a Slack incoming webhook.
	TelegramToken   string
	TelegramChat    string
	TelegramAPI     string // the Bot API's address; a test's server in tests
	SlackWebhookURL string
	// TrashDays: trash older than this many days is deleted (0 never).
	TrashDays int
	// Given names the settings a flag or the environment set, so the
	// dashboard can tell an operator's value from a default.
	Given map[string]bool
}

// setting is one flag with its environment variable and default.
type setting struct {
	name, env, def, usage string
}

var settings = []setting{
	{"addr", "BALASAN_ADDR", "127.0.0.1:8080", "listen address"},
	{"db", "BALASAN_DB", "data/balasan.db", "SQLite file (created with its folder), or postgres://… for PostgreSQL"},
	{"base-url", "BALASAN_BASE_URL", "", "public URL of the service (default http://ADDR)"},
	{"allowed-origins", "BALASAN_ALLOWED_ORIGINS", "", "comma-separated origins of the article sites (default: the base URL's origin)"},
	{"flood-interval", "BALASAN_FLOOD_INTERVAL", "15s", "least time between two comments from one client (0 off)"},
	{"trusted-proxies", "BALASAN_TRUSTED_PROXIES", "", "comma-separated CIDRs whose X-Forwarded-For is believed"},
	{"moderation", "BALASAN_MODERATION", "all", "all: every comment waits; trusted: known authors approved at once"},
	{"max-links", "BALASAN_MAX_LINKS", "2", "a comment with more links is held"},
	{"min-submit-seconds", "BALASAN_MIN_SUBMIT_SECONDS", "2", "a submission sooner than this after the form was served is held (0 off)"},
	{"close-after", "BALASAN_CLOSE_AFTER", "0", "close comments on articles first seen longer ago than this (14d, 72h; 0 never)"},
	{"secret-key", "BALASAN_SECRET_KEY", "", "64 hex digits encrypting emails at rest (default: key file beside the database)"},
	{"smtp-url", "BALASAN_SMTP_URL", "", "smtp://user:pass@host:port or smtps://…; none: no mail"},
	{"mail-from", "BALASAN_MAIL_FROM", "", "sender address (default balasan@ + base host)"},
	{"notify", "BALASAN_NOTIFY", "", "comma-separated addresses told of each comment that waits"},
	{"webhook-url", "BALASAN_WEBHOOK_URL", "", "receives a POST for each new and each moderated comment"},
	{"webhook-secret", "BALASAN_WEBHOOK_SECRET", "", "signs webhooks: X-Balasan-Signature and Standard Webhooks webhook-signature (whsec_BASE64 is decoded)"},
	{"ip-retention", "BALASAN_IP_RETENTION", "30d", "how long commenters' IP addresses are kept"},
	{"log-format", "BALASAN_LOG_FORMAT", "", "json or text (default: text on a terminal, else json)"},
	{"max-submits", "BALASAN_MAX_SUBMITS", "64", "submissions handled at once; more are answered 503 with Retry-After (0 no cap)"},
	{"cache-mb", "BALASAN_CACHE_MB", "32", "memory in MB for approved comments kept ready-encoded"},
	// The store (issue 11).
	{"sqlite-sync", "BALASAN_SQLITE_SYNC", "full", "full: an acknowledged comment survives a power cut; normal: only a crash (SQLite)"},
	// Delivery of mail and webhooks.
	{"outbox-poll", "BALASAN_OUTBOX_POLL", "5s", "how often the mail and webhook queue is checked"},
	{"outbox-retry-min", "BALASAN_OUTBOX_RETRY_MIN", "1m", "wait after a failed mail or webhook delivery; doubles each time"},
	{"outbox-retry-max", "BALASAN_OUTBOX_RETRY_MAX", "1h", "longest wait between delivery attempts"},
	{"outbox-attempts", "BALASAN_OUTBOX_ATTEMPTS", "20", "delivery attempts before a mail or webhook is given up (its row is kept)"},
	{"outbox-retention", "BALASAN_OUTBOX_RETENTION", "7d", "how long delivered and given-up mail and webhook jobs are kept (0 keeps them)"},
	// Metrics and spam (issues 14 and 15).
	{"metrics-addr", "BALASAN_METRICS_ADDR", "", "serve /metrics on this address instead of the public one"},
	{"spam-starter", "BALASAN_SPAM_STARTER", "on", "on: the spam score starts from the shipped model; off: only from moderators' decisions"},
	// The newsroom's chat (issue 14, item 8).
	{"telegram-token", "BALASAN_TELEGRAM_TOKEN", "", "Telegram bot token from BotFather: waiting comments go to the chat with buttons"},
	{"telegram-chat", "BALASAN_TELEGRAM_CHAT", "", "the Telegram chat: its id (-100…) or @channel"},
	{"telegram-api", "BALASAN_TELEGRAM_API", "https://api.telegram.org", "the Telegram Bot API's address"},
	{"slack-webhook-url", "BALASAN_SLACK_WEBHOOK_URL", "", "Slack incoming webhook told of each comment that waits"},
	// The newsroom's dashboard (issue 12); a value saved in the dashboard wins.
	{"trash-days", "BALASAN_TRASH_DAYS", "30", "comments in the trash longer than this many days are deleted (0 never)"},
}

// ParseConfig reads flags from args over environment variables over
// defaults and checks every value, so a mistake is reported at once, all
// mistakes together, before anything is opened or created.
func ParseConfig(args []string, getenv func(string) string) (Config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the caller says what went wrong, once
	raw := map[string]*settingValue{}
	var errs []error
	for _, s := range settings {
		v := &settingValue{kind: settingKinds[s.name], s: s.def}
		if e := getenv(s.env); e != "" {
			if err := v.Set(e); err != nil {
				errs = append(errs, fmt.Errorf("$%s: %w", s.env, err))
			}
		}
		raw[s.name] = v
		fs.Var(v, s.name, s.usage+" ($"+s.env+")")
	}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return Config{}, helpRequest{serveUsage()}
	} else if err != nil {
		return Config{}, err
	} else if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	get := func(n string) string { return strings.TrimSpace(raw[n].s) }
	c := Config{Addr: get("addr"), DB: get("db"), Moderation: get("moderation"), SecretKey: get("secret-key"),
		SMTPURL: get("smtp-url"), MailFrom: get("mail-from"), WebhookURL: get("webhook-url"),
		WebhookSecret: get("webhook-secret"), LogFormat: get("log-format")}
	dur := func(n string) time.Duration {
		d, err := ParseDuration(get(n))
		if err != nil {
			errs = append(errs, fmt.Errorf("-%s: %w", n, err))
		}
		return d
	}
	c.FloodInterval, c.CloseAfter, c.IPRetention = dur("flood-interval"), dur("close-after"), dur("ip-retention")
	c.MinSubmit = dur("min-submit-seconds")
	if n, err := strconv.Atoi(get("min-submit-seconds")); err == nil {
		c.MinSubmit = time.Duration(n) * time.Second
	}
	var err error
	if c.MaxLinks, err = strconv.Atoi(get("max-links")); err != nil || c.MaxLinks < 0 {
		errs = append(errs, fmt.Errorf("-max-links: want a whole number ≥ 0"))
	}
	if c.MaxSubmits, err = strconv.Atoi(get("max-submits")); err != nil || c.MaxSubmits < 0 {
		errs = append(errs, fmt.Errorf("-max-submits: want a whole number ≥ 0"))
	}
	if c.CacheMB, err = strconv.Atoi(get("cache-mb")); err != nil || c.CacheMB < 1 {
		errs = append(errs, fmt.Errorf("-cache-mb: want a whole number ≥ 1"))
	}
	if c.Moderation != "all" && c.Moderation != "trusted" {
		errs = append(errs, fmt.Errorf("-moderation: want all or trusted, got %q", c.Moderation))
	}
	if c.BaseURL = strings.TrimRight(get("base-url"), "/"); c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	base, err := url.Parse(c.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		errs = append(errs, fmt.Errorf("-base-url: want an http(s) URL, got %q", c.BaseURL))
	} else {
		c.AllowedOrigins = []string{base.Scheme + "://" + base.Host}
	}
	if o := get("allowed-origins"); o != "" {
		c.AllowedOrigins = nil
		for _, part := range splitList(o) {
			u, err := url.Parse(part)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				errs = append(errs, fmt.Errorf("-allowed-origins: %q is not an origin like https://berita.example", part))
				continue
			}
			c.AllowedOrigins = append(c.AllowedOrigins, strings.ToLower(u.Scheme+"://"+u.Host))
		}
	}
	for _, cidr := range splitList(get("trusted-proxies")) {
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			errs = append(errs, fmt.Errorf("-trusted-proxies: %w", err))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	errs = append(errs, c.storeErrors(get("sqlite-sync"))...)
	c.Notify = splitList(get("notify"))
	if c.MailFrom == "" && base != nil {
		c.MailFrom = "balasan@" + base.Hostname()
	}
	c.OutboxPoll, c.OutboxRetryMin, c.OutboxRetryMax = dur("outbox-poll"), dur("outbox-retry-min"), dur("outbox-retry-max")
	c.OutboxRetention = dur("outbox-retention")
	errs = append(errs, c.deliveryErrors(get("outbox-attempts"), get("mail-from") != "")...)
	errs = append(errs, c.serveErrors()...)
	c.MetricsAddr = get("metrics-addr")
	if _, _, err := net.SplitHostPort(c.MetricsAddr); c.MetricsAddr != "" && err != nil {
		errs = append(errs, fmt.Errorf("-metrics-addr: want host:port, like 127.0.0.1:9090, got %q", c.MetricsAddr))
	}
	if c.TrashDays, err = strconv.Atoi(get("trash-days")); err != nil || c.TrashDays < 0 || c.TrashDays > 36500 {
		errs = append(errs, fmt.Errorf("-trash-days: want a whole number of days from 0 to 36500"))
	}
	c.Given = map[string]bool{}
	for n, v := range raw {
		c.Given[n] = v.set
	}
	switch get("spam-starter") {
	case "on":
		c.SpamStarter = true
	case "off":
	default:
		errs = append(errs, fmt.Errorf("-spam-starter: want on or off, got %q", get("spam-starter")))
	}
	errs = append(errs, c.chatErrors(get("telegram-token"), get("telegram-chat"), get("telegram-api"), get("slack-webhook-url"))...)
	return c, errors.Join(errs...)
}

// KeyFile is where the secret key lives when none is given: beside the database.
func (c Config) KeyFile() string { return filepath.Join(filepath.Dir(c.DB), "secret.key") }

// Postgres tells whether BALASAN_DB names a PostgreSQL database.
func (c Config) Postgres() bool {
	return strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
}

// DBName is the database for messages and logs: a PostgreSQL URL without
// its password or parameters.
func (c Config) DBName() string {
	if !c.Postgres() {
		return c.DB
	}
	u, err := url.Parse(c.DB)
	if err != nil {
		return "postgres://…"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// storeErrors checks the store's settings.
func (c *Config) storeErrors(sync string) []error {
	var errs []error
	switch c.SQLiteSync = strings.ToLower(sync); c.SQLiteSync {
	case "full", "normal":
	default:
		errs = append(errs, fmt.Errorf("-sqlite-sync: want full or normal, got %q", sync))
	}
	if c.Postgres() && c.SecretKey == "" {
		// Every instance must seal and look up emails with one key; a
		// key file beside a URL has no place to live.
		errs = append(errs, errors.New("-secret-key: required with PostgreSQL (BALASAN_SECRET_KEY, the same on every instance)"))
	}
	return errs
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ParseDuration accepts Go durations plus days ("14d") and a bare 0.
func ParseDuration(s string) (time.Duration, error) {
	if s == "" || s == "0" {
		return 0, nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseFloat(d, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("bad duration %q", s)
		}
		return time.Duration(n * 24 * float64(time.Hour)), nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("bad duration %q", s)
	}
	return d, nil
}
