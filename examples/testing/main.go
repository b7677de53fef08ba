// Command testing is code of your own that uses the client, and
// main_test.go tests it against ramtest, the fake endpoint, with no
// network and no credentials:
//
//	go test ./examples/testing
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/seed-d76936c4/ram"
)

func main() {
	client, err := ram.NewClient()
	if err == nil {
		var msg string
		msg, err = rootKeyAlert(context.Background(), client)
		fmt.Println(msg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "testing:", err)
		os.Exit(1)
	}
}

// rootKeyAlert is the code under test: it says whether the root account
// has AccessKeys, and refuses to guess when the report does not say.
func rootKeyAlert(ctx context.Context, c *ram.Client) (string, error) {
	rep, err := c.GetAccountSecurityPracticeReport(ctx)
	if ram.IsThrottling(err) {
		return "", fmt.Errorf("throttled, try later: %w", err)
	}
	if err != nil {
		return "", err
	}
	if !rep.Has(ram.FieldRootWithAccessKey) {
		return "", errors.New("the report does not say whether the root account has AccessKeys")
	}
	if n := rep.AccountSecurityPracticeInfo.UserInfo.RootWithAccessKey; n > 0 {
		return fmt.Sprintf("ALERT: the root account has %d AccessKey(s)", n), nil
	}
	return "ok: the root account has no AccessKey", nil
}
