package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/findings"
)

// writePrometheus prints the result in the Prometheus text exposition
// format, for the node exporter's textfile collector. A value the response
// did not include has no sample; ramreport_field_present says which.
func writePrometheus(w io.Writer, res result) error {
	var b strings.Builder
	rep := res.report
	metric := func(name, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name)
	}

	metric("ramreport_score", "Security score of the Alibaba Cloud account (0-100).")
	if rep.Has(ram.FieldScore) {
		fmt.Fprintf(&b, "ramreport_score %d\n", rep.AccountSecurityPracticeInfo.Score)
	}

	metric("ramreport_report_value", "A value of the security report; BindMfa is 1 when the root account has MFA.")
	for _, f := range ram.Fields() {
		if f == ram.FieldScore || f == ram.FieldSubUserPwdLevel || !rep.Has(f) {
			continue
		}
		fmt.Fprintf(&b, "ramreport_report_value{field=%q} %d\n", f.Name(), counter(rep, f))
	}

	metric("ramreport_password_level", "1 for the RAM user password policy level the report gives.")
	if rep.Has(ram.FieldSubUserPwdLevel) {
		level := rep.AccountSecurityPracticeInfo.UserInfo.SubUserPwdLevel
		fmt.Fprintf(&b, "ramreport_password_level{level=%q} 1\n", escapeLabel(string(level)))
	}

	metric("ramreport_field_present", "1 when the response included the field, 0 when it did not.")
	for _, f := range ram.Fields() {
		present := 0
		if rep.Has(f) {
			present = 1
		}
		fmt.Fprintf(&b, "ramreport_field_present{field=%q} %d\n", f.Name(), present)
	}

	metric("ramreport_findings_failing", "Findings whose status is fail, by severity.")
	failing := map[findings.Severity]int{}
	for _, f := range res.findings {
		if f.Status == findings.StatusFail {
			failing[f.Severity]++
		}
	}
	for _, s := range []findings.Severity{findings.Critical, findings.High, findings.Medium, findings.Low} {
		fmt.Fprintf(&b, "ramreport_findings_failing{severity=%q} %d\n", s, failing[s])
	}

	metric("ramreport_findings", "Findings by severity and status; unknown means the response lacked a value.")
	bySeverityStatus := map[[2]string]int{}
	for _, f := range res.findings {
		bySeverityStatus[[2]string{f.Severity.String(), string(f.Status)}]++
	}
	for _, s := range []findings.Severity{findings.Critical, findings.High, findings.Medium, findings.Low} {
		for _, st := range []findings.Status{findings.StatusFail, findings.StatusWarn, findings.StatusUnknown, findings.StatusPass} {
			fmt.Fprintf(&b, "ramreport_findings{severity=%q,status=%q} %d\n", s, st, bySeverityStatus[[2]string{s.String(), string(st)}])
		}
	}

	metric("ramreport_finding_status", "1 for each check's status.")
	for _, f := range res.findings {
		fmt.Fprintf(&b, "ramreport_finding_status{check=%q,severity=%q,status=%q} 1\n", f.ID, f.Severity, f.Status)
	}

	if res.gate.Configured {
		gate := 0
		if res.gate.Passed {
			gate = 1
		}
		metric("ramreport_gate_passed", "1 when the account passed the gate of -min-score and -fail-on.")
		fmt.Fprintf(&b, "ramreport_gate_passed %d\n", gate)
	}

	metric("ramreport_generated_timestamp_seconds", "When the report was fetched, in Unix seconds.")
	fmt.Fprintf(&b, "ramreport_generated_timestamp_seconds %d\n", res.at.Unix())
	_, err := io.WriteString(w, b.String())
	return err
}

// counter returns a numeric report value; BindMfa is 0 or 1.
func counter(rep *ram.Report, f ram.Field) int {
	switch v := rep.Value(f).(type) {
	case int:
		return v
	case bool:
		if v {
			return 1
		}
	}
	return 0
}

// escapeLabel keeps a label value within what %q and the exposition format
// agree on: printable ASCII.
func escapeLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return '?'
		}
		return r
	}, s)
}
