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
		var missing, negative []string
		for _, field := range c.fields {
			v := r.Value(field)
			switch n, isInt := v.(int); {
			case v == nil:
				missing = append(missing, field.Name())
			case isInt && n < 0:
				negative = append(negative, field.Name())
			}
			f.Evidence = append(f.Evidence, Evidence{Field: field.String(), Value: v})
		}
		switch {
		case len(missing) > 0:
			f.Status = StatusUnknown
			f.Detail = "the response did not include " + strings.Join(missing, " and ")
		case len(negative) > 0:
			f.Status = StatusUnknown
			f.Detail = "the report gives a negative " + strings.Join(negative, " and ")
		default:
			f.Status, f.Detail = c.eval(r)
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
