package apptest

import (
	"context"
	"time"

	"balasan/internal/auth"
	"balasan/internal/comment"
)

// AddToken makes a moderation API token directly in the store, as
// `balasan token create` does, and returns its secret.
func (e *Env) AddToken(name string, role comment.Role) string {
	e.T.Helper()
	secret, hash := auth.NewAPIToken()
	t := comment.Token{Name: name, Role: role, Hash: hash, CreatedAt: time.Now()}
	if err := e.App.Store.CreateToken(context.Background(), &t); err != nil {
		e.T.Fatal(err)
	}
	return secret
}
