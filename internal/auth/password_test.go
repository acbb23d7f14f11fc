package auth

import "testing"

func TestHashPassword_Check(t *testing.T) {
	h, err := HashPassword("rahasia-sekali-123")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, password string
		wantErr        bool
	}{
		{"right", "rahasia-sekali-123", false},
		{"wrong", "rahasia-sekali-124", true},
		{"empty", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckPassword(h, tt.password); (err != nil) != tt.wantErr {
				t.Errorf("CheckPassword = %v, wantErr %v", err, tt.wantErr)
			}
		})
	}
	h2, _ := HashPassword("rahasia-sekali-123")
	if h == h2 {
		t.Error("two hashes of one password must differ (salt)")
	}
	if CheckUnknown("x") == nil || CheckPassword("garbage", "x") == nil {
		t.Error("unknown user and garbage hash must fail")
	}
	if NewToken() == NewToken() || len(TokenHash("a")) != 64 {
		t.Error("tokens must be random and hashes hex SHA-256")
	}
}
