package comment

import (
	"strings"
	"unicode/utf8"
)

// Account rules, kept here once for the dashboard and the command line.

// MaxUsernameLen is the longest username, in characters.
const MaxUsernameLen = 60

// CleanUsername trims a username and checks its shape: 1 to 60
// characters, no space and none of the characters that would need
// escaping in a page or a path (< > " ' & /). The error is EInvalid with
// the message key "username_invalid".
func CleanUsername(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > MaxUsernameLen || !utf8.ValidString(s) ||
		strings.ContainsFunc(s, func(r rune) bool {
			return r < 0x20 || r == 0x7f || strings.ContainsRune(" \t<>\"'&/", r) || r == '\u00a0'
		}) {
		return "", Errorf(EInvalid, "username_invalid")
	}
	return s, nil
}

// CheckPassword enforces the least password length (EInvalid "password_short").
func CheckPassword(p string) error {
	if utf8.RuneCountInString(p) < MinPasswordLen {
		return Errorf(EInvalid, "password_short")
	}
	return nil
}

// ParseRole accepts the two roles.
func ParseRole(s string) (Role, bool) {
	switch r := Role(s); r {
	case RoleAdmin, RoleModerator:
		return r, true
	}
	return "", false
}

// ErrLastAdmin refuses a change that would leave no enabled admin: nobody
// could manage accounts any more.
var ErrLastAdmin = Errorf(EConflict, "last_admin")

// IsActiveAdmin tells whether m counts as an admin who can manage accounts.
func (m Moderator) IsActiveAdmin() bool { return m.Role == RoleAdmin && !m.Disabled }

// KeepsAnAdmin is the last-admin rule as a store applies it inside the
// transaction of an account change: others is the number of enabled
// admins besides the changed account, before and after the account as
// stored and once changed (after nil: deleted). Only a change that takes
// the last enabled admin away is refused (ErrLastAdmin); a database with
// no admin yet can still change its other accounts.
func KeepsAnAdmin(others int, before Moderator, after *Moderator) error {
	if others > 0 || !before.IsActiveAdmin() || (after != nil && after.IsActiveAdmin()) {
		return nil
	}
	return ErrLastAdmin
}

// MaxDisplayNameLen is the longest display name, in characters (the
// author name of a comment allows more; a byline stays short).
const MaxDisplayNameLen = 100

// CleanDisplayName trims the name a moderator's public replies carry;
// empty means "the username". It is text, escaped where it is shown, so
// only control characters and its length are refused (EInvalid
// "display_name_invalid").
func CleanDisplayName(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxDisplayNameLen ||
		strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", &Error{Code: EInvalid, Key: "invalid", Fields: map[string]string{FieldDisplayName: "display_name_invalid"}}
	}
	return s, nil
}

// FieldDisplayName is the account form's field for the display name.
const FieldDisplayName = "display_name"
