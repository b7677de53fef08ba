package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/findings"
)

// ANSI colours of the statuses on a terminal.
var statusColors = map[findings.Status]string{
	findings.StatusPass:    "\x1b[32m",
	findings.StatusWarn:    "\x1b[33m",
	findings.StatusFail:    "\x1b[31m",
	findings.StatusUnknown: "\x1b[35m",
}

const colorReset = "\x1b[0m"

// writeTable prints the report for people.
func writeTable(w io.Writer, res result, color bool) error {
	var b strings.Builder
	rep := res.report
	fmt.Fprintf(&b, "Alibaba Cloud account security report (request %s)\n", rep.RequestID)
	if rep.Has(ram.FieldScore) {
		fmt.Fprintf(&b, "Score: %d/100\n\n", rep.AccountSecurityPracticeInfo.Score)
	} else {
		b.WriteString("Score: unknown (not in the response)\n\n")
	}

	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tSTATUS\tCHECK\tCIS\tDETAIL")
	for _, f := range res.findings {
		status := strings.ToUpper(string(f.Status))
		if color {
			// The colour codes are zero-width on a terminal; pad first.
			status = statusColors[f.Status] + fmt.Sprintf("%-7s", status) + colorReset
		}
		cis := f.CIS
		if cis == "" {
			cis = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Severity, status, f.ID, cis, f.Detail)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	var todo []findings.Finding
	for _, f := range res.findings {
		if f.Status == findings.StatusFail || f.Status == findings.StatusWarn {
			todo = append(todo, f)
		}
	}
	if len(todo) > 0 {
		b.WriteString("\nWhat to fix:\n")
		for _, f := range todo {
			fmt.Fprintf(&b, "  %s: %s\n    %s\n", f.ID, f.Remediation, f.Fix)
		}
	}
	if missing := rep.Missing(); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, f := range missing {
			names[i] = f.Name()
		}
		fmt.Fprintf(&b, "\nNot in the response: %s\n", strings.Join(names, ", "))
	}
	if res.gate.Passed {
		b.WriteString("\nGate: passed\n")
	} else {
		fmt.Fprintf(&b, "\nGate: FAILED: %s\n", strings.Join(res.gate.Reasons, "; "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
