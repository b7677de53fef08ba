package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
)

// leastPrivilegePolicy is the RAM policy document that allows this call
// and nothing else.
var leastPrivilegePolicy = map[string]any{
	"Version": "1",
	"Statement": []map[string]any{{
		"Effect":   "Allow",
		"Action":   "ram:GetAccountSecurityPracticeReport",
		"Resource": "*",
	}},
}

// policy prints the least-privilege policy document.
func (a *app) policy(args []string) int {
	fs := flag.NewFlagSet("ramreport policy", flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: ramreport policy\n\nPrints the RAM policy document that allows GetAccountSecurityPracticeReport and nothing else.\n")
	}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return exitOK
	} else if err != nil {
		return exitError
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stderr, "ramreport: policy takes no arguments (got %q)\n", fs.Arg(0))
		return exitError
	}
	out, err := json.MarshalIndent(leastPrivilegePolicy, "", "  ")
	if err != nil {
		fmt.Fprintln(a.stderr, "ramreport:", err)
		return exitError
	}
	fmt.Fprintln(a.stdout, string(out))
	return exitOK
}
