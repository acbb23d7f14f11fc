package app

import (
	"context"
	"fmt"

	"balasan/internal/version"
)

// versionCmd prints the version stamped at build (else the build info's)
// and the Go release, the two things a bug report needs.
func versionCmd(_ context.Context, env Env, args []string) error {
	fs := newFlags("version", "balasan version")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "balasan %s (%s)\n", version.String(), version.Go())
	return nil
}
