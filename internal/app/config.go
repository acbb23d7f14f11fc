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
	// Extra holds every setting by flag name, for settings that optional
	// parts add to the list from their own files.
	Extra      map[string]string
	MaxSubmits int // submissions handled at once; more get 503
	CacheMB    int // memory for ready-encoded threads and pages
}

// setting is one flag with its environment variable and default.
type setting struct {
	name, env, def, usage string
}

var settings = []setting{
	{"addr", "BALASAN_ADDR", "127.0.0.1:8080", "listen address"},
	{"db", "BALASAN_DB", "data/balasan.db", "SQLite file (created with its folder)"},
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
}

// ParseConfig reads flags from args over environment variables over defaults.
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
	c.Extra = make(map[string]string, len(raw))
	for n := range raw {
		c.Extra[n] = get(n)
	}
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
	c.Notify = splitList(get("notify"))
	if c.MailFrom == "" && base != nil {
		c.MailFrom = "balasan@" + base.Hostname()
	}
	return c, errors.Join(errs...)
}

// KeyFile is where the secret key lives when none is given: beside the database.
func (c Config) KeyFile() string { return filepath.Join(filepath.Dir(c.DB), "secret.key") }

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
