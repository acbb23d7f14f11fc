package comment

import (
	"maps"
	"slices"
	"testing"
	"time"
)

func TestParseLive(t *testing.T) {
	for _, tt := range []struct {
		name   string
		values map[string]string
		want   Live
		bad    []string
	}{
		{"empty is nothing", map[string]string{SettingMaxLinks: " "}, Live{}, nil},
		{"every one", map[string]string{SettingModeration: "trusted", SettingMaxLinks: "0", SettingCloseAfter: "14d",
			SettingNotify: "a@example.test, b@example.test", SettingTrashDays: "7"},
			Live{Policy: PolicyTrusted, CloseAfter: 14 * 24 * time.Hour, Notify: []string{"a@example.test", "b@example.test"}, TrashDays: 7}, nil},
		{"days without d, hours", map[string]string{SettingCloseAfter: "72h"}, Live{CloseAfter: 72 * time.Hour}, nil},
		{"bare days", map[string]string{SettingCloseAfter: "3"}, Live{CloseAfter: 72 * time.Hour}, nil},
		{"bad", map[string]string{SettingModeration: "semua", SettingMaxLinks: "-1", SettingCloseAfter: "besok",
			SettingNotify: "a@example.test,bukan", SettingTrashDays: "1e3"}, Live{},
			[]string{SettingCloseAfter, SettingMaxLinks, SettingModeration, SettingNotify, SettingTrashDays}},
		{"too big", map[string]string{SettingMaxLinks: "1001", SettingTrashDays: "36501"}, Live{},
			[]string{SettingMaxLinks, SettingTrashDays}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := ParseLive(tt.values)
			if keys := slices.Sorted(maps.Keys(errs)); !slices.Equal(keys, tt.bad) {
				t.Fatalf("errors %v, want %v", errs, tt.bad)
			}
			if tt.bad == nil && (got.Policy != tt.want.Policy || got.MaxLinks != tt.want.MaxLinks || got.CloseAfter != tt.want.CloseAfter ||
				!slices.Equal(got.Notify, tt.want.Notify) || got.TrashDays != tt.want.TrashDays) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// A saved value wins over the configuration's; a stored value that does
// not parse (edited by hand) leaves the configuration's in force.
func TestService_LiveFromStored(t *testing.T) {
	s := &Service{Config: Config{Policy: PolicyAll, MaxLinks: 2, CloseAfter: time.Hour, TrashDays: 30,
		FromEnv: map[string]bool{SettingMaxLinks: true}}}
	if l := s.Live(); l.MaxLinks != 2 || l.TrashDays != 30 {
		t.Fatalf("before load: %+v", l)
	}
	s.setRules(map[string]string{SettingMaxLinks: "5", SettingModeration: "bogus", SettingTrashDays: "0"})
	l := s.Live()
	if l.MaxLinks != 5 || l.Policy != PolicyAll || l.TrashDays != 0 || l.CloseAfter != time.Hour {
		t.Errorf("live %+v", l)
	}
	src := s.LiveSources(map[string]string{SettingTrashDays: "0"})
	want := map[string]Source{SettingModeration: SourceDefault, SettingMaxLinks: SourceEnv, SettingCloseAfter: SourceDefault,
		SettingNotify: SourceDefault, SettingTrashDays: SourceSaved}
	if !maps.Equal(src, want) {
		t.Errorf("sources %v", src)
	}
}

// The audit log counts notification addresses, never shows them.
func TestSettingsChange_NotifyCounted(t *testing.T) {
	got := SettingsChange(map[string]string{}, map[string]string{SettingNotify: "a@example.test, b@example.test", SettingMaxLinks: "3"})
	if got != `max_links: "" → "3"; notify: 0 → 2 (+2 −0)` {
		t.Errorf("%s", got)
	}
}

// Whatever is typed, ParseLive answers without panicking, and a value it
// accepts is written by FormatLive in a form it accepts again, unchanged.
func FuzzParseLive(f *testing.F) {
	for _, s := range []string{"14d", "72h", "0", "-1", "trusted", "a@b.test, c@d.test", "1e9", "999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, k := range LiveSettings {
			l, errs := ParseLive(map[string]string{k: v})
			if len(errs) > 0 {
				continue
			}
			again, errs := ParseLive(map[string]string{k: FormatLive(l)[k]})
			if len(errs) > 0 || FormatLive(again)[k] != FormatLive(l)[k] {
				t.Fatalf("%s=%q: %q does not read back (%v)", k, v, FormatLive(l)[k], errs)
			}
		}
	})
}
