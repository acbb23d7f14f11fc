package app

import (
	"context"
	"fmt"
)

const backupUsage = "balasan backup FILE [--db FILE]"

// backupCmd writes a consistent copy of the live database while the server
// keeps running, and reminds the operator of the key the copy needs.
func backupCmd(ctx context.Context, env Env, args []string) error {
	fs := newFlags("backup", backupUsage)
	db := dbFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return badUsage(fs, "backup: want one file to write")
	}
	st, cfg, err := openSQLite(ctx, env, *db, "backup")
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, pos[0]); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	key := "the key file " + cfg.KeyFile()
	if cfg.SecretKey != "" {
		key = "the key in BALASAN_SECRET_KEY"
	}
	fmt.Fprintf(env.Stdout, "Wrote %s (a consistent copy of %s).\n"+
		"Its emails are encrypted with %s: keep a copy of that key, stored apart\n"+
		"from the backup. Without the key the emails cannot be read back; with both, anyone can.\n",
		pos[0], cfg.DB, key)
	return nil
}
