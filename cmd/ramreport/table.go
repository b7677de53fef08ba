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

// colorDefault and colorReset frame the header cell and end every colour.
const (
	colorDefault = "\x1b[39m"
	colorReset   = "\x1b[0m"
)

// writeTable prints the report for people.
func writeTable(w io.Writer, res result, color bool) error {
	var b strings.Builder
	rep := res.report
	fmt.Fprintf(&b, "Alibaba Cloud account security report (request %s)\n", printable(rep.RequestID))
	if rep.Has(ram.FieldScore) {
		fmt.Fprintf(&b, "Score: %d/100\n\n", rep.AccountSecurityPracticeInfo.Score)
	} else {
		b.WriteString("Score: unknown (not in the response)\n\n")
	}

	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	header := "STATUS"
	if color {
		// Every cell of the column carries escape codes of the same length,
		// so that the tabwriter's widths stay right on the terminal.
		header = colorDefault + header + colorReset
	}
	fmt.Fprintf(tw, "SEVERITY\t%s\tCHECK\tCIS\tDETAIL\n", header)
	for _, f := range res.findings {
		status := strings.ToUpper(string(f.Status))
		if color {
			status = statusColors[f.Status] + status + colorReset
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
	switch {
	case !res.gate.Configured:
		b.WriteString("\nGate: none set (use -min-score or -fail-on to gate on the report)\n")
	case res.gate.Passed:
		b.WriteString("\nGate: passed\n")
	default:
		fmt.Fprintf(&b, "\nGate: FAILED: %s\n", strings.Join(res.gate.Reasons, "; "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// printable drops control characters, so that text from the service cannot
// move the cursor or colour the terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}
