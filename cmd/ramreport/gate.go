package main

import (
	"fmt"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/findings"
)

// gate is the pass/fail rule of -min-score, -fail-on and -allow-unknown.
type gate struct {
	minScore     int // -1: off
	failOn       findings.Severity
	failOnSet    bool
	allowUnknown bool
}

// verdict is the gate's outcome.
type verdict struct {
	// Configured is false when neither -min-score nor -fail-on was given;
	// the gate then passes.
	Configured bool     `json:"configured"`
	Passed     bool     `json:"passed"`
	Reasons    []string `json:"reasons"`
}

func newGate(o options) (gate, error) {
	g := gate{minScore: o.minScore, allowUnknown: o.allowUnknown}
	if o.minScore < -1 || o.minScore > 100 {
		return g, fmt.Errorf("-min-score %d: want 0 to 100, or -1 for off", o.minScore)
	}
	if o.failOn != "" {
		s, err := findings.ParseSeverity(o.failOn)
		if err != nil {
			return g, fmt.Errorf("-fail-on: %w", err)
		}
		g.failOn, g.failOnSet = s, true
	}
	return g, nil
}

// judge applies the gate to a report and its findings.
func (g gate) judge(rep *ram.Report, fs []findings.Finding) verdict {
	v := verdict{Configured: g.minScore >= 0 || g.failOnSet, Reasons: []string{}}
	if g.minScore >= 0 {
		switch {
		case !rep.Has(ram.FieldScore) && !g.allowUnknown:
			v.Reasons = append(v.Reasons, "the response did not include the score")
		case rep.Has(ram.FieldScore) && rep.AccountSecurityPracticeInfo.Score < g.minScore:
			v.Reasons = append(v.Reasons, fmt.Sprintf("score %d is below %d", rep.AccountSecurityPracticeInfo.Score, g.minScore))
		}
	}
	if g.failOnSet {
		for _, f := range fs {
			if f.Failing(g.failOn, !g.allowUnknown) {
				v.Reasons = append(v.Reasons, fmt.Sprintf("%s is %s (%s)", f.ID, f.Status, f.Severity))
			}
		}
	}
	v.Passed = len(v.Reasons) == 0
	return v
}
