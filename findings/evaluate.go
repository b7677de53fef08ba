package findings

import (
	"strings"

	"github.com/seed-d76936c4/ram"
)

// Evaluate runs every check over the report and returns one finding per
// check, in a fixed order. A nil report gives every check StatusUnknown.
func Evaluate(r *ram.Report) []Finding {
	if r == nil {
		r = &ram.Report{}
		r.SetMissing(ram.Fields()...)
	}
	out := make([]Finding, 0, len(checks))
	for _, c := range checks {
		f := Finding{
			ID: c.id, Title: c.title, Severity: c.severity, CIS: c.cis,
			Remediation: c.remediation, Fix: c.fix,
		}
		var missing []string
		for _, field := range c.fields {
			if !r.Has(field) {
				missing = append(missing, field.Name())
			}
			f.Evidence = append(f.Evidence, Evidence{Field: field.String(), Value: r.Value(field)})
		}
		if len(missing) > 0 {
			f.Status = StatusUnknown
			f.Detail = "the response did not include " + strings.Join(missing, " and ")
		} else {
			f.Status, f.Detail = c.eval(r.AccountSecurityPracticeInfo.UserInfo)
		}
		out = append(out, f)
	}
	return out
}

// CheckInfo describes one check, for documentation and tooling.
type CheckInfo struct {
	ID       string
	Title    string
	Severity Severity
	CIS      string
	Fields   []ram.Field
}

// Checks lists the checks Evaluate runs, in its order.
func Checks() []CheckInfo {
	out := make([]CheckInfo, len(checks))
	for i, c := range checks {
		out[i] = CheckInfo{ID: c.id, Title: c.title, Severity: c.severity, CIS: c.cis, Fields: append([]ram.Field(nil), c.fields...)}
	}
	return out
}
