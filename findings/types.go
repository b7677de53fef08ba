package findings

import (
	"fmt"
	"strings"
)

// Severity ranks how much a failing check matters.
type Severity int

// The severities, from least to most serious.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

var severityNames = map[Severity]string{Low: "low", Medium: "medium", High: "high", Critical: "critical"}

// String returns "low", "medium", "high" or "critical".
func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText encodes the severity by name.
func (s Severity) MarshalText() ([]byte, error) {
	if _, ok := severityNames[s]; !ok {
		return nil, fmt.Errorf("findings: invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseSeverity parses "low", "medium", "high" or "critical", in any case.
func ParseSeverity(name string) (Severity, error) {
	for s, n := range severityNames {
		if strings.EqualFold(name, n) {
			return s, nil
		}
	}
	return 0, fmt.Errorf("findings: unknown severity %q (want low, medium, high or critical)", name)
}

// Status is the outcome of one check.
type Status string

// The outcomes of a check.
const (
	// StatusPass: the account meets the check.
	StatusPass Status = "pass"
	// StatusWarn: the account meets the check only in part.
	StatusWarn Status = "warn"
	// StatusFail: the account does not meet the check.
	StatusFail Status = "fail"
	// StatusUnknown: the response lacked a value the check needs.
	StatusUnknown Status = "unknown"
)

// Evidence is one report value a finding rests on.
type Evidence struct {
	// Field is the value's JSON path in the response.
	Field string `json:"field"`
	// Value is the value as the report gave it, or nil when it was absent.
	Value any `json:"value"`
}

// Finding is the result of one check.
type Finding struct {
	// ID is stable across versions, such as "ROOT_ACCESS_KEY".
	ID string `json:"id"`
	// Title says what the check wants, such as "No AccessKey for the root account".
	Title string `json:"title"`
	// Severity is how much a failure matters.
	Severity Severity `json:"severity"`
	// Status is the outcome.
	Status Status `json:"status"`
	// Detail says what was found, in a sentence.
	Detail string `json:"detail"`
	// Evidence lists the report values the outcome rests on.
	Evidence []Evidence `json:"evidence"`
	// Remediation says how to fix a failure.
	Remediation string `json:"remediation"`
	// Fix is the aliyun CLI command or console path that fixes it.
	Fix string `json:"fix"`
	// CIS is the CIS Alibaba Cloud Foundations Benchmark (v1.0.0)
	// recommendation it maps to, empty when none does.
	CIS string `json:"cis"`
}

// Failing reports whether the finding fails, or is unknown when unknowns
// count as failures, at severity min or above.
func (f Finding) Failing(min Severity, unknownFails bool) bool {
	if f.Severity < min {
		return false
	}
	return f.Status == StatusFail || unknownFails && f.Status == StatusUnknown
}
