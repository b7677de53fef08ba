// Command quickstart prints the security report of an Alibaba Cloud account.
//
// With -demo it starts a fake endpoint in process and needs no credentials:
//
//	go run ./examples/quickstart -demo
//
// Without it, it reads the default credential chain (for example
// ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET) and calls
// the real endpoint.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

func main() {
	demo := flag.Bool("demo", false, "call a fake endpoint started in process; no credentials needed")
	flag.Parse()
	if err := run(*demo); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(demo bool) error {
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
		return err
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep, err := client.GetAccountSecurityPracticeReport(ctx)
	var apiErr *ram.APIError
	if errors.As(err, &apiErr) {
		return fmt.Errorf("the service refused the call: %s %s (request %s)", apiErr.Code, apiErr.Message, apiErr.RequestID)
	}
	if err != nil {
		return err
	}

	info := rep.AccountSecurityPracticeInfo
	u := info.UserInfo
	fmt.Printf("Request ID:                          %s\n", rep.RequestID)
	fmt.Printf("Security score:                      %d\n", info.Score)
	fmt.Printf("Root AccessKeys:                     %d\n", u.RootWithAccessKey)
	fmt.Printf("Root MFA enabled:                    %t\n", u.BindMFA)
	fmt.Printf("RAM users:                           %d\n", u.SubUser)
	fmt.Printf("RAM users with MFA:                  %d\n", u.SubUserBindMFA)
	fmt.Printf("RAM user password policy:            %s\n", u.SubUserPwdLevel)
	fmt.Printf("Unused AccessKeys:                   %d\n", u.UnusedAkNum)
	fmt.Printf("RAM users with unused AccessKeys:    %d\n", u.SubUserWithUnusedAccessKey)
	fmt.Printf("Unrotated AccessKeys:                %d\n", u.OldAkNum)
	fmt.Printf("RAM users with unrotated AccessKeys: %d\n", u.SubUserWithOldAccessKey)
	for _, f := range rep.Missing() {
		fmt.Printf("warning: the response did not include %s; its value above is not known\n", f)
	}
	return nil
}
