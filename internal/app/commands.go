package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// command is one subcommand of balasan: its help lines (synopsis and what
// it does) and the function that runs it with the arguments after its name.
type command struct {
	name string
	help [][2]string
	run  func(context.Context, Env, []string) error
}

// commands is every subcommand, in the order `balasan help` lists them.
// help itself is answered by dispatch, since it reads this table.
var commands = []command{
	{"serve", [][2]string{{"[serve] [flags]", "run the server (balasan serve -h lists every setting)"}}, serve},
	{"version", [][2]string{{"version", "print the version and the Go release it was built with"}}, versionCmd},
	{"moderator", helpOf(moderatorVerbs), moderatorCmd},
	{"token", helpOf(tokenVerbs), tokenCmd},
	{"import", [][2]string{{"import wxr|disqus FILE", "import a WordPress (WXR) or Disqus export"}}, importCmd},
	{"export", [][2]string{{"export --format wxr|json [--out FILE]", "everything out again (standard output by default)"}}, exportCmd},
	{"privacy", [][2]string{{"privacy export|erase --email ADDR [--delete]", "a reader's comments as JSON, or erase them"}}, privacyCmd},
	{"backup", [][2]string{{"backup FILE", "consistent copy of the live database"}}, backupCmd},
	{"copy", [][2]string{{"copy --to postgres://…|FILE", "the whole database into an empty one (SQLite ⇄ PostgreSQL), counts checked"}}, copyCmd},
}

// dispatch runs the subcommand named first in env.Args; no name, or a
// flag first, is the server, as `balasan -addr :8080` has always been.
func dispatch(ctx context.Context, env Env) error {
	args := env.Args
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		return helpRequest{usage()}
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return serve(ctx, env, args)
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	return usageError{"unknown command " + strconv.Quote(args[0]) + "\n" + usage()}
}

// usage lists every command with what it does.
func usage() string {
	var b strings.Builder
	b.WriteString("Balasan: comment moderation for news sites.\n\nusage:\n")
	for _, c := range commands {
		for _, h := range c.help {
			fmt.Fprintf(&b, "  balasan %s\n      %s\n", h[0], h[1])
		}
	}
	b.WriteString("  balasan help\n      this list (also -h, --help)\n")
	b.WriteString("\nEvery command beside serve takes --db FILE (default $BALASAN_DB) and reads the\n" +
		"server's environment. `balasan COMMAND -h` lists a command's flags.\n")
	return b.String()
}
