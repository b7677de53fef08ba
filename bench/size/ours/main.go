// Command ours is the smallest program that calls the API with this
// module's client; bench/README.md compares its size with official's.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/seed-d76936c4/ram"
)

func main() {
	c, err := ram.NewClient()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	rep, err := c.GetAccountSecurityPracticeReport(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(rep.AccountSecurityPracticeInfo.Score)
}
