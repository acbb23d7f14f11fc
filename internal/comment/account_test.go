package comment

import (
	"strings"
	"testing"
)

func TestCleanUsername(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"  redaksi ", "redaksi", true},
		{"Budi.Santoso_2", "Budi.Santoso_2", true},
		{strings.Repeat("é", 60), strings.Repeat("é", 60), true},
		{strings.Repeat("a", 61), "", false},
		{"", "", false},
		{"   ", "", false},
		{"dua kata", "", false},
		{"a<b", "", false},
		{"a/b", "", false},
		{"a\x00b", "", false},
		{"a\u00a0b", "", false},
		{"\xff", "", false},
	}
	for _, tt := range tests {
		got, err := CleanUsername(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("CleanUsername(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && ErrorCode(err) != EInvalid {
			t.Errorf("CleanUsername(%q) error code %s", tt.in, ErrorCode(err))
		}
	}
}

func TestCheckPassword(t *testing.T) {
	if err := CheckPassword("123456789"); ErrorCode(err) != EInvalid {
		t.Errorf("9 characters: %v", err)
	}
	if err := CheckPassword("ééééééééééé"[:20]); err != nil { // 10 characters, 20 bytes
		t.Errorf("10 characters: %v", err)
	}
}

func TestKeepsAnAdmin(t *testing.T) {
	admin := Moderator{Role: RoleAdmin}
	mod := Moderator{Role: RoleModerator}
	disabled := Moderator{Role: RoleAdmin, Disabled: true}
	tests := []struct {
		name          string
		others        int
		before        Moderator
		after         *Moderator
		wantLastAdmin bool
	}{
		{"demote the last admin", 0, admin, &mod, true},
		{"disable the last admin", 0, admin, &disabled, true},
		{"delete the last admin", 0, admin, nil, true},
		{"demote with another admin", 1, admin, &mod, false},
		{"new password of the last admin", 0, admin, &admin, false},
		{"a moderator when there is no admin", 0, mod, nil, false},
		{"enable a disabled admin", 0, disabled, &admin, false},
	}
	for _, tt := range tests {
		err := KeepsAnAdmin(tt.others, tt.before, tt.after)
		if (err == ErrLastAdmin) != tt.wantLastAdmin || (err != nil && err != ErrLastAdmin) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
