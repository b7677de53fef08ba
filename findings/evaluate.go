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
			ev := Evidence{Field: field.String()}
			if r.Has(field) {
				ev.Value = value(r, field)
			} else {
				missing = append(missing, field.Name())
			}
			f.Evidence = append(f.Evidence, ev)
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

// value returns a field's value as the report holds it.
func value(r *ram.Report, f ram.Field) any {
	u := r.AccountSecurityPracticeInfo.UserInfo
	switch f {
	case ram.FieldUnusedAkNum:
		return u.UnusedAkNum
	case ram.FieldSubUserWithUnusedAccessKey:
		return u.SubUserWithUnusedAccessKey
	case ram.FieldRootWithAccessKey:
		return u.RootWithAccessKey
	case ram.FieldSubUser:
		return u.SubUser
	case ram.FieldBindMFA:
		return u.BindMFA
	case ram.FieldOldAkNum:
		return u.OldAkNum
	case ram.FieldSubUserPwdLevel:
		return string(u.SubUserPwdLevel)
	case ram.FieldSubUserWithOldAccessKey:
		return u.SubUserWithOldAccessKey
	case ram.FieldSubUserBindMFA:
		return u.SubUserBindMFA
	case ram.FieldScore:
		return r.AccountSecurityPracticeInfo.Score
	}
	return nil
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
