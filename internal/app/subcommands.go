package app

import (
	"context"
	"fmt"
	"strings"
)

// verb is one verb of a command that has several (moderator add, token
// list…): its name, its help line, and the function that runs it.
type verb struct {
	name string
	help [2]string
	run  func(context.Context, Env, []string) error
}

// helpOf is the help lines of a command's verbs, for the command table.
func helpOf(verbs []verb) [][2]string {
	out := make([][2]string, len(verbs))
	for i, v := range verbs {
		out[i] = v.help
	}
	return out
}

// runVerb runs the verb named first in args among verbs, or answers with
// the command's usage: on standard output for -h, as a usage error (exit
// 2) for no verb or an unknown one.
func runVerb(ctx context.Context, env Env, cmd string, verbs []verb, args []string) error {
	var b strings.Builder
	b.WriteString("usage:\n")
	names := make([]string, len(verbs))
	for i, v := range verbs {
		fmt.Fprintf(&b, "  balasan %s\n      %s\n", v.help[0], v.help[1])
		names[i] = v.name
	}
	want := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	if len(args) == 0 {
		return usageError{cmd + ": want " + want + "\n" + strings.TrimRight(b.String(), "\n")}
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		return helpRequest{b.String()}
	}
	for _, v := range verbs {
		if v.name == args[0] {
			return v.run(ctx, env, args[1:])
		}
	}
	return usageError{fmt.Sprintf("%s: unknown subcommand %q, want %s\n", cmd, args[0], want) +
		strings.TrimRight(b.String(), "\n")}
}
