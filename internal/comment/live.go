package comment

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Names of the settings editors change in the dashboard without a
// restart; the environment gives their defaults and a saved value wins.
const (
	SettingModeration = "moderation"
	SettingMaxLinks   = "max_links"
	SettingCloseAfter = "close_after"
	SettingNotify     = "notify"
	SettingTrashDays  = "trash_days"
)

// LiveSettings lists the live settings in the order the page shows them.
var LiveSettings = []string{SettingModeration, SettingMaxLinks, SettingCloseAfter, SettingNotify, SettingTrashDays}

// DefaultTrashDays is how long trash is kept when nobody said otherwise,
// as WordPress's EMPTY_TRASH_DAYS.
const DefaultTrashDays = 30

// Live is the current value of every live setting.
type Live struct {
	Policy     string
	MaxLinks   int
	CloseAfter time.Duration
	Notify     []string
	TrashDays  int // 0: trash is never emptied
}

// Source tells where a live setting's value comes from.
type Source string

// The sources, weakest first.
const (
	SourceDefault Source = "default"
	SourceEnv     Source = "environment"
	SourceSaved   Source = "saved"
)

// Live returns the live settings in force now: the saved values over the
// configuration's.
func (s *Service) Live() Live {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.rules.loaded {
		return s.rules.live
	}
	return s.Config.live()
}

// LiveSources tells where each live setting's value comes from, given the
// stored settings.
func (s *Service) LiveSources(stored map[string]string) map[string]Source {
	out := make(map[string]Source, len(LiveSettings))
	for _, k := range LiveSettings {
		switch {
		case strings.TrimSpace(stored[k]) != "":
			out[k] = SourceSaved
		case s.Config.FromEnv[k]:
			out[k] = SourceEnv
		default:
			out[k] = SourceDefault
		}
	}
	return out
}

func (c Config) live() Live {
	l := Live{Policy: c.Policy, MaxLinks: c.MaxLinks, CloseAfter: c.CloseAfter, Notify: c.Notify, TrashDays: c.TrashDays}
	if l.Policy == "" {
		l.Policy = PolicyAll
	}
	if !c.FromEnv[SettingTrashDays] && l.TrashDays == 0 {
		l.TrashDays = DefaultTrashDays
	}
	return l
}

// liveFrom applies the stored values over the configuration's. A stored
// value that no longer parses (written by hand) is ignored: the
// configuration's holds.
func (c Config) liveFrom(stored map[string]string) Live {
	l := c.live()
	parsed, _ := ParseLive(stored)
	for k, apply := range map[string]func(){
		SettingModeration: func() { l.Policy = parsed.Policy },
		SettingMaxLinks:   func() { l.MaxLinks = parsed.MaxLinks },
		SettingCloseAfter: func() { l.CloseAfter = parsed.CloseAfter },
		SettingNotify:     func() { l.Notify = parsed.Notify },
		SettingTrashDays:  func() { l.TrashDays = parsed.TrashDays },
	} {
		if v := strings.TrimSpace(stored[k]); v != "" {
			if _, bad := liveErrors(map[string]string{k: v})[k]; !bad {
				apply()
			}
		}
	}
	return l
}

// ParseLive reads the live settings present (non-empty) in values; the
// map names each bad one with its message key.
func ParseLive(values map[string]string) (Live, map[string]string) {
	var l Live
	errs := map[string]string{}
	for _, k := range LiveSettings {
		v := strings.TrimSpace(values[k])
		if v == "" {
			continue
		}
		switch k {
		case SettingModeration:
			if v != PolicyAll && v != PolicyTrusted {
				errs[k] = "moderation_invalid"
			}
			l.Policy = v
		case SettingMaxLinks:
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 1000 {
				errs[k] = "max_links_invalid"
			}
			l.MaxLinks = n
		case SettingCloseAfter:
			d, err := ParseDays(v)
			if err != nil {
				errs[k] = "close_after_invalid"
			}
			l.CloseAfter = d
		case SettingNotify:
			for _, a := range strings.Split(v, ",") {
				if a = strings.TrimSpace(a); a != "" && !ValidEmail(a) {
					errs[k] = "notify_invalid"
				} else if a != "" {
					l.Notify = append(l.Notify, a)
				}
			}
		case SettingTrashDays:
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 36500 {
				errs[k] = "trash_days_invalid"
			}
			l.TrashDays = n
		}
	}
	return l, errs
}

func liveErrors(values map[string]string) map[string]string {
	_, errs := ParseLive(values)
	return errs
}

// ParseDays reads a closing age: a whole number of days ("14", "14d"), a
// Go duration ("72h") or 0 for never.
func ParseDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(strings.TrimSuffix(s, "d")); err == nil && n >= 0 && n <= 36500 {
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("bad duration %q", s)
	}
	return d, nil
}

// FormatDays writes a closing age as ParseDays reads it: days when whole.
func FormatDays(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	if d%(24*time.Hour) == 0 {
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	}
	return d.String()
}

// FormatLive writes each live setting as the settings form shows it.
func FormatLive(l Live) map[string]string {
	return map[string]string{
		SettingModeration: l.Policy,
		SettingMaxLinks:   strconv.Itoa(l.MaxLinks),
		SettingCloseAfter: FormatDays(l.CloseAfter),
		SettingNotify:     strings.Join(l.Notify, ", "),
		SettingTrashDays:  strconv.Itoa(l.TrashDays),
	}
}
