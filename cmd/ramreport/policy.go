package main

import (
	"encoding/json"
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
	if len(args) > 0 {
		fmt.Fprintf(a.stderr, "ramreport: policy takes no arguments (got %q)\n", args[0])
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
