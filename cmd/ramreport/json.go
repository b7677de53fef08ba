package main

import (
	"encoding/json"
	"io"
	"time"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/findings"
)

// jsonSchema names the version of the JSON output; it changes only when a
// field changes meaning or goes away.
const jsonSchema = "ramreport/v1"

// jsonOutput is the document -o json prints. README.md documents it.
type jsonOutput struct {
	Schema        string             `json:"schema"`
	GeneratedAt   string             `json:"generated_at"`
	RequestID     string             `json:"request_id"`
	Score         *int               `json:"score"`
	Report        *ram.Report        `json:"report"`
	MissingFields []string           `json:"missing_fields"`
	Findings      []findings.Finding `json:"findings"`
	Gate          verdict            `json:"gate"`
}

// writeJSON prints the result as one indented JSON document.
func writeJSON(w io.Writer, res result) error {
	out := jsonOutput{
		Schema:        jsonSchema,
		GeneratedAt:   res.at.Format(time.RFC3339),
		RequestID:     res.report.RequestID,
		Report:        res.report,
		MissingFields: []string{},
		Findings:      res.findings,
		Gate:          res.gate,
	}
	if res.report.Has(ram.FieldScore) {
		score := res.report.AccountSecurityPracticeInfo.Score
		out.Score = &score
	}
	for _, f := range res.report.Missing() {
		out.MissingFields = append(out.MissingFields, f.String())
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
