package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"balasan/internal/auth"
	"balasan/internal/comment"
	"balasan/internal/server"
)

// shutdownGrace is how long requests in flight may take to finish.
const shutdownGrace = 15 * time.Second

// serve runs the server until ctx ends, then shuts down gracefully: stop
// accepting, finish requests in flight, close the database.
func serve(ctx context.Context, env Env, args []string) error {
	cfg, err := ParseConfig(args, env.Getenv)
	if errors.As(err, new(helpRequest)) {
		return err
	} else if err != nil {
		return usageError{"serve: " + err.Error() + "\n(balasan serve -h lists every setting)"}
	}
	log := newLogger(cfg, env.Stderr)
	tuneGC(env.Getenv)
	a, err := New(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.firstModerator(ctx, env); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	return a.Serve(ctx, ln, env)
}

// Serve answers on ln until ctx ends.
func (a *App) Serve(ctx context.Context, ln net.Listener, env Env) error {
	srv := server.HTTPServer(ln.Addr().String(), a.Echo)
	a.Log.Info("listening", "addr", ln.Addr().String(), "base_url", a.Config.BaseURL)
	fmt.Fprintf(env.Stdout, "Balasan listening on http://%s (demo article at /, dashboard at /admin/)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := srv.Shutdown(sctx)
	server.FlushLog(a.Log.Handler()) // the last requests' lines
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// firstModerator creates "admin" with a random password on the first
// start, printing the password once.
func (a *App) firstModerator(ctx context.Context, env Env) error {
	n, err := a.Store.CountModerators(ctx)
	if err != nil || n > 0 {
		return err
	}
	password := auth.RandomPassword()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	m := &comment.Moderator{Username: "admin", PasswordHash: hash, Role: comment.RoleAdmin, Lang: "id", CreatedAt: time.Now()}
	if err := a.Store.CreateModerator(ctx, m); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Created moderator \"admin\" with password: %s\n(printed once; change it in the dashboard)\n", password)
	return nil
}
