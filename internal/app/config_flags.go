package app

import (
	"fmt"
	"strconv"
	"strings"
)

// settingKinds types the settings whose value is not free text, so a bad
// value is refused by the flag parser (naming the flag or variable) before
// anything opens, and `balasan serve -h` shows what each takes. Settings
// not named here are strings.
var settingKinds = map[string]string{
	"flood-interval": "duration", "close-after": "duration", "ip-retention": "duration",
	"outbox-poll": "duration", "outbox-retry-min": "duration", "outbox-retry-max": "duration",
	"outbox-retention": "duration", "min-submit-seconds": "seconds",
	"max-links": "number", "trash-days": "number", "max-submits": "number", "cache-mb": "number", "outbox-attempts": "number",
}

// settingValue is one setting's flag: the text as given, checked for its kind.
type settingValue struct {
	kind, s string
	set     bool // given by a flag or the environment, not the default
}

func (v *settingValue) String() string { return v.s }

// Set checks a value of the setting's kind: a duration is Go's (30s, 1h)
// or days (14d) or a bare number of seconds; a number is a whole number ≥ 0.
func (v *settingValue) Set(s string) error {
	t := strings.TrimSpace(s)
	switch v.kind {
	case "duration", "seconds":
		if _, err := ParseDuration(t); err != nil {
			return fmt.Errorf("want a duration such as 30s, 72h or 14d, got %q", s)
		}
	case "number":
		if n, err := strconv.Atoi(t); err != nil || n < 0 {
			return fmt.Errorf("want a whole number ≥ 0, got %q", s)
		}
	}
	v.s, v.set = s, true
	return nil
}

// serveUsage lists every setting with its type, variable and default.
func serveUsage() string {
	var b strings.Builder
	b.WriteString("usage: balasan [serve] [flags]\n\nEach flag is also an environment variable; the flag wins.\n\n")
	for _, s := range settings {
		kind := settingKinds[s.name]
		if kind == "" {
			kind = "string"
		}
		fmt.Fprintf(&b, "  -%s %s\n    \t%s ($%s", s.name, kind, s.usage, s.env)
		if s.def != "" {
			fmt.Fprintf(&b, ", default %s", s.def)
		}
		b.WriteString(")\n")
	}
	return b.String()
}
