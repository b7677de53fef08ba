// Command cigate fails a CI job when the account has a failing critical or
// high finding, printing what to fix; it exits 0, 2 when the gate fails,
// and 1 on an error. (cmd/ramreport does the same with more options.)
//
//	go run ./examples/cigate -demo
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/findings"
	"github.com/seed-d76936c4/ram/ramtest"
)

func main() {
	demo := flag.Bool("demo", false, "use a fake endpoint serving the API reference's example")
	flag.Parse()
	os.Exit(run(*demo))
}

func run(demo bool) int {
	var client *ram.Client
	var err error
	if demo {
		srv := ramtest.NewServer()
		defer srv.Close()
		client, err = srv.Client()
	} else {
		client, err = ram.NewClient()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cigate:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rep, err := client.GetAccountSecurityPracticeReport(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cigate:", err)
		return 1
	}
	failed := false
	for _, f := range findings.Evaluate(rep) {
		// Unknown counts as failing: a gate must not pass on missing data.
		if f.Failing(findings.High, true) {
			failed = true
			fmt.Printf("FAIL %s [%s]: %s\n  fix: %s\n", f.ID, f.Severity, f.Detail, f.Fix)
		}
	}
	if failed {
		return 2
	}
	fmt.Println("account passes the gate")
	return 0
}
