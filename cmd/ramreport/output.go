package main

import (
	"time"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/findings"
)

// result is what every output format shows.
type result struct {
	report   *ram.Report
	findings []findings.Finding
	gate     verdict
	at       time.Time
}

// write prints res in the chosen format.
func (a *app) write(format string, res result) error {
	switch format {
	case "json":
		return writeJSON(a.stdout, res)
	case "prometheus":
		return writePrometheus(a.stdout, res)
	default:
		color := a.terminal && a.getenv("NO_COLOR") == ""
		return writeTable(a.stdout, res, color)
	}
}
