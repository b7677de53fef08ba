package findings_test

import (
	"fmt"

	"github.com/seed-d76936c4/ram/findings"
	"github.com/seed-d76936c4/ram/ramtest"
)

func ExampleEvaluate() {
	// The API reference's example report; a real one comes from
	// client.GetAccountSecurityPracticeReport.
	rep := ramtest.ExampleReport()
	for _, f := range findings.Evaluate(rep) {
		if f.Status != findings.StatusPass {
			fmt.Printf("%-8s %-4s %s: %s\n", f.Severity, f.Status, f.ID, f.Detail)
		}
	}
	// Output:
	// critical fail ROOT_ACCESS_KEY: the root account has 1 AccessKey
	// critical fail ROOT_MFA: the root account has no MFA device
	// high     fail RAM_USER_MFA: 9 of 9 RAM users have no MFA device
	// medium   fail PASSWORD_POLICY: the password policy is rated low
}
