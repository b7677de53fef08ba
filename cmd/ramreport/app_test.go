package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixedTime is the clock of every test run.
var fixedTime = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

// runApp runs the command in process and returns its exit status and output.
func runApp(t *testing.T, env map[string]string, terminal bool, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a := &app{
		stdout:   &stdout,
		stderr:   &stderr,
		getenv:   func(k string) string { return env[k] },
		now:      func() time.Time { return fixedTime },
		terminal: terminal,
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := a.run(ctx, args)
	return code, stdout.String(), stderr.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got)
}

// isolate points the default credential chain at the fake's key only.
func isolate(t *testing.T, id, secret string) {
	t.Helper()
	for _, k := range []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
		"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE",
		"ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA"} {
		t.Setenv(k, "")
	}
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", id)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("HOME", t.TempDir())
}

func TestDemoTable(t *testing.T) {
	code, out, errOut := runApp(t, nil, false, "-demo")
	assert.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "\x1b[", "no colour when stdout is not a terminal")
	golden(t, "demo.table.golden", out)
}

func TestColourOnlyOnATerminalWithoutNoColor(t *testing.T) {
	_, out, _ := runApp(t, nil, true, "-demo")
	assert.Contains(t, out, "\x1b[31mFAIL")
	_, out, _ = runApp(t, map[string]string{"NO_COLOR": "1"}, true, "-demo")
	assert.NotContains(t, out, "\x1b[")
}

func TestDemoJSON(t *testing.T) {
	code, out, errOut := runApp(t, nil, false, "-demo", "-o", "json")
	assert.Equal(t, exitOK, code, errOut)
	golden(t, "demo.json.golden", out)

	var doc struct {
		Schema      string `json:"schema"`
		GeneratedAt string `json:"generated_at"`
		RequestID   string `json:"request_id"`
		Score       *int   `json:"score"`
		Report      struct {
			RequestID string `json:"RequestId"`
		} `json:"report"`
		MissingFields []string `json:"missing_fields"`
		Findings      []struct {
			ID, Severity, Status string
		} `json:"findings"`
		Gate verdict `json:"gate"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "ramreport/v1", doc.Schema)
	assert.Equal(t, "2026-12-03T12:00:00Z", doc.GeneratedAt)
	assert.Equal(t, "ABA822EE-85C2-4418-9577-A1831FC8466D", doc.RequestID)
	require.NotNil(t, doc.Score)
	assert.Equal(t, 63, *doc.Score)
	assert.Equal(t, doc.RequestID, doc.Report.RequestID)
	assert.Empty(t, doc.MissingFields)
	assert.Len(t, doc.Findings, 8)
	assert.True(t, doc.Gate.Passed)
}

func TestDemoPrometheus(t *testing.T) {
	code, out, errOut := runApp(t, nil, false, "-demo", "-o", "prometheus")
	assert.Equal(t, exitOK, code, errOut)
	for _, line := range []string{
		"ramreport_score 63",
		`ramreport_report_value{field="RootWithAccessKey"} 1`,
		`ramreport_report_value{field="SubUser"} 9`,
		`ramreport_report_value{field="BindMfa"} 0`,
		`ramreport_password_level{level="low"} 1`,
		`ramreport_field_present{field="Score"} 1`,
		`ramreport_findings_failing{severity="critical"} 2`,
		`ramreport_findings_failing{severity="high"} 1`,
		`ramreport_findings_failing{severity="medium"} 1`,
		`ramreport_findings_failing{severity="low"} 0`,
		`ramreport_finding_status{check="ROOT_MFA",severity="critical",status="fail"} 1`,
		`ramreport_findings{severity="critical",status="fail"} 2`,
		"ramreport_generated_timestamp_seconds 1796299200",
	} {
		assert.Contains(t, strings.Split(out, "\n"), line)
	}
	assert.NotContains(t, out, "ramreport_gate_passed", "no gate was set")
	checkExposition(t, out)

	_, out, _ = runApp(t, nil, false, "-demo", "-o", "prometheus", "-fail-on", "critical")
	assert.Contains(t, strings.Split(out, "\n"), "ramreport_gate_passed 0")
	checkExposition(t, out)
}

// sampleLine is one sample of the text exposition format: a metric name,
// labels whose values use only the format's escapes, and a value.
var sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9]+(?:\.[0-9]+)?)$`)

// checkExposition checks the Prometheus text format: each metric has one
// HELP and one TYPE line before its samples, samples are well formed, and
// no series repeats.
func checkExposition(t *testing.T, out string) {
	t.Helper()
	help, typ, series := map[string]int{}, map[string]int{}, map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if rest, ok := strings.CutPrefix(line, "# HELP "); ok {
			help[strings.Fields(rest)[0]]++
			continue
		}
		if rest, ok := strings.CutPrefix(line, "# TYPE "); ok {
			f := strings.Fields(rest)
			require.Len(t, f, 2, line)
			assert.Equal(t, "gauge", f[1])
			typ[f[0]]++
			continue
		}
		m := sampleLine.FindStringSubmatch(line)
		if !assert.NotNil(t, m, "malformed sample %q", line) {
			continue
		}
		assert.Equal(t, 1, help[m[1]], "HELP before %q", line)
		assert.Equal(t, 1, typ[m[1]], "TYPE before %q", line)
		key := m[1] + m[2]
		assert.False(t, series[key], "series %s repeats", key)
		series[key] = true
	}
	for name, n := range typ {
		assert.Equal(t, 1, n, "one TYPE line for %s", name)
	}
}

func TestGates(t *testing.T) {
	srv := ramtest.NewServer()
	t.Cleanup(srv.Close)
	isolate(t, ramtest.AccessKeyID, ramtest.AccessKeySecret)
	good := &ram.Report{RequestID: "GOOD", AccountSecurityPracticeInfo: ram.PracticeInfo{Score: 95, UserInfo: ram.UserInfo{
		SubUser: 2, SubUserBindMFA: 2, BindMFA: true, SubUserPwdLevel: ram.PasswordLevelMid}}}
	partial := *good
	partial.SetMissing(ram.FieldBindMFA, ram.FieldScore)

	tests := []struct {
		name   string
		report *ram.Report
		args   []string
		code   int
		reason string
	}{
		{"example, no gate", ramtest.ExampleReport(), nil, exitOK, ""},
		{"example fails -fail-on critical", ramtest.ExampleReport(), []string{"-fail-on", "critical"}, exitGate, "ROOT_ACCESS_KEY is fail (critical)"},
		{"example fails -min-score", ramtest.ExampleReport(), []string{"-min-score", "64"}, exitGate, "score 63 is below 64"},
		{"example passes -min-score 63", ramtest.ExampleReport(), []string{"-min-score", "63"}, exitOK, ""},
		{"good passes -fail-on low (a warning is not a failure)", good, []string{"-fail-on", "low", "-min-score", "90"}, exitOK, ""},
		{"unknown fails the gate", &partial, []string{"-fail-on", "critical"}, exitGate, "ROOT_MFA is unknown (critical)"},
		{"unknown score fails the gate", &partial, []string{"-min-score", "10"}, exitGate, "the response did not include the score"},
		{"unknowns allowed", &partial, []string{"-fail-on", "critical", "-min-score", "10", "-allow-unknown"}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.SetReport(tt.report)
			args := append([]string{"-endpoint", srv.URL, "-o", "json"}, tt.args...)
			code, out, errOut := runApp(t, nil, false, args...)
			require.Equal(t, tt.code, code, errOut)
			var doc struct{ Gate verdict }
			require.NoError(t, json.Unmarshal([]byte(out), &doc))
			assert.Equal(t, tt.code == exitOK, doc.Gate.Passed)
			if tt.reason != "" {
				assert.Contains(t, doc.Gate.Reasons, tt.reason)
			}
		})
	}
}

func TestErrorsExitOneAndNameTheRequest(t *testing.T) {
	srv := ramtest.NewServer()
	t.Cleanup(srv.Close)
	isolate(t, ramtest.AccessKeyID, ramtest.AccessKeySecret)

	srv.FailNext(10, ramtest.Fault{Code: "NoPermission"})
	code, out, errOut := runApp(t, nil, false, "-endpoint", srv.URL)
	assert.Equal(t, exitError, code)
	assert.Empty(t, out)
	reqs := srv.Requests()
	require.NotEmpty(t, reqs)
	assert.Contains(t, errOut, reqs[len(reqs)-1].RequestID, "the message names the request ID")
	assert.Contains(t, errOut, "ramreport policy")

	isolate(t, "LTAInobody", "wrong")
	code, _, errOut = runApp(t, nil, false, "-endpoint", srv.URL)
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "InvalidAccessKeyId.NotFound")
	assert.NotContains(t, errOut, "wrong", "no secret in the message")
}

func TestProfileFlag(t *testing.T) {
	srv := ramtest.NewServer(ramtest.WithAccessKey("LTAIprofile", "profile-secret"))
	t.Cleanup(srv.Close)
	isolate(t, "", "")
	dir := filepath.Join(os.Getenv("HOME"), ".aliyun")
	require.NoError(t, os.MkdirAll(dir, 0o700))
	config := `{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"LTAIother","access_key_secret":"x"},` +
		`{"name":"audit","mode":"AK","access_key_id":"LTAIprofile","access_key_secret":"profile-secret"}]}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config.json"), []byte(config), 0o600))

	code, _, errOut := runApp(t, nil, false, "-endpoint", srv.URL, "-profile", "audit")
	assert.Equal(t, exitOK, code, errOut)
	assert.Equal(t, "LTAIprofile", srv.Requests()[0].AccessKeyID)

	code, _, errOut = runApp(t, nil, false, "-endpoint", srv.URL, "-profile", "nosuch")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "nosuch")
}

func TestPolicy(t *testing.T) {
	code, out, _ := runApp(t, nil, false, "policy")
	assert.Equal(t, exitOK, code)
	var doc struct {
		Version   string
		Statement []struct{ Effect, Action, Resource string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "1", doc.Version)
	require.Len(t, doc.Statement, 1)
	assert.Equal(t, "Allow", doc.Statement[0].Effect)
	assert.Equal(t, "ram:GetAccountSecurityPracticeReport", doc.Statement[0].Action)
	assert.Equal(t, "*", doc.Statement[0].Resource)

	code, _, _ = runApp(t, nil, false, "policy", "extra")
	assert.Equal(t, exitError, code)
}

func TestHelpVersionAndBadFlags(t *testing.T) {
	code, _, help := runApp(t, nil, false, "-h")
	assert.Equal(t, exitOK, code)
	for _, flagName := range []string{"-demo", "-endpoint", "-profile", "-o", "-min-score", "-fail-on", "-allow-unknown", "-timeout", "-version"} {
		assert.Contains(t, help, "  "+flagName, "documents %s", flagName)
	}
	assert.Equal(t, 9, strings.Count(help, "(example: "), "every flag has an example")
	assert.Contains(t, help, "  -demo\n", "-demo takes no value")
	assert.Contains(t, help, "ramreport policy")

	code, out, _ := runApp(t, nil, false, "-version")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "ramreport "+ram.Version+"\n", out)

	for _, args := range [][]string{
		{"-o", "yaml"}, {"-fail-on", "severe"}, {"-min-score", "101"}, {"-min-score", "-5"}, {"-demo", "-endpoint", "x"},
		{"-demo", "-profile", "p"},
		{"-nosuchflag"}, {"stray"}, {"-timeout", "0s"},
	} {
		code, _, errOut := runApp(t, nil, false, args...)
		assert.Equal(t, exitError, code, "%v", args)
		assert.NotEmpty(t, errOut)
	}
}

func TestPartialReportOutputs(t *testing.T) {
	srv := ramtest.NewServer()
	t.Cleanup(srv.Close)
	isolate(t, ramtest.AccessKeyID, ramtest.AccessKeySecret)
	rep := &ram.Report{RequestID: "PARTIAL-\x1b[31m-ID", AccountSecurityPracticeInfo: ram.PracticeInfo{Score: 70, UserInfo: ram.UserInfo{
		SubUser: 3, SubUserBindMFA: 3, BindMFA: true, OldAkNum: 2, SubUserPwdLevel: ram.PasswordLevelMid}}}
	rep.SetMissing(ram.FieldRootWithAccessKey, ram.FieldScore)
	srv.SetReport(rep)

	code, out, errOut := runApp(t, nil, false, "-endpoint", srv.URL)
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "\x1b", "control characters from the service are dropped")
	golden(t, "partial.table.golden", out)

	code, out, errOut = runApp(t, nil, false, "-endpoint", srv.URL, "-o", "json")
	require.Equal(t, exitOK, code, errOut)
	golden(t, "partial.json.golden", out)

	code, out, errOut = runApp(t, nil, false, "-endpoint", srv.URL, "-o", "prometheus")
	require.Equal(t, exitOK, code, errOut)
	checkExposition(t, out)
	golden(t, "partial.prometheus.golden", out)
}

func TestColouredTableStaysAligned(t *testing.T) {
	_, out, _ := runApp(t, nil, true, "-demo")
	plain := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(out, "")
	_, want, _ := runApp(t, nil, false, "-demo")
	assert.Equal(t, want, plain, "colour adds escape codes and nothing else")
}

func TestTimeoutAndHints(t *testing.T) {
	srv := ramtest.NewServer()
	t.Cleanup(srv.Close)
	isolate(t, ramtest.AccessKeyID, ramtest.AccessKeySecret)

	srv.FailNext(1, ramtest.Fault{Delay: 10 * time.Second})
	start := time.Now()
	code, _, errOut := runApp(t, nil, false, "-endpoint", srv.URL, "-timeout", "200ms")
	assert.Equal(t, exitError, code)
	assert.Less(t, time.Since(start), 5*time.Second, "-timeout bounds the call")
	assert.Contains(t, errOut, "deadline")

	srv.FailNext(10, ramtest.Fault{Code: "Throttling.User"})
	code, _, errOut = runApp(t, nil, false, "-endpoint", srv.URL, "-timeout", "2s")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "throttling this account")

	isolate(t, ramtest.AccessKeyID, "wrong-secret")
	code, _, errOut = runApp(t, nil, false, "-endpoint", srv.URL)
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "SignatureDoesNotMatch")
	assert.Contains(t, errOut, "check the AccessKey ID and secret")
}

// failingWriter refuses every write, like a closed pipe.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestWriteFailureExitsOne(t *testing.T) {
	var stderr bytes.Buffer
	a := &app{stdout: failingWriter{}, stderr: &stderr, getenv: func(string) string { return "" },
		now: func() time.Time { return fixedTime }}
	for _, format := range []string{"table", "json", "prometheus"} {
		stderr.Reset()
		assert.Equal(t, exitError, a.run(context.Background(), []string{"-demo", "-o", format}), format)
		assert.Contains(t, stderr.String(), "broken pipe")
	}
}

func TestPolicyHelp(t *testing.T) {
	code, _, errOut := runApp(t, nil, false, "policy", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, errOut, "Usage: ramreport policy")
}
