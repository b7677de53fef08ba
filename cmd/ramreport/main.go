// Command ramreport prints the security report of an Alibaba Cloud account,
// with findings that say what to fix, and gates a CI pipeline on it.
//
//	ramreport -demo                          # the built-in fake endpoint, no credentials
//	ramreport                                # the default credential chain
//	ramreport -profile prod -o json          # an aliyun CLI profile, JSON output
//	ramreport -min-score 80 -fail-on high    # exit 2 when the account fails the gate
//	ramreport policy                         # the RAM policy this needs
//
// Exit status: 0 when the account passes the gate, 2 when it fails it, 1 on
// an error.
package main

import (
	"context"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := (&app{
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		getenv:   os.Getenv,
		now:      time.Now,
		terminal: isTerminal(os.Stdout),
	}).run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// isTerminal reports whether f is a character device, such as a terminal.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
