package findings_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/findings"
	"github.com/seed-d76936c4/ram/ramtest"
)

// clean is a report every check passes.
func clean() *ram.Report {
	return &ram.Report{RequestID: "R", AccountSecurityPracticeInfo: ram.PracticeInfo{Score: 100, UserInfo: ram.UserInfo{
		SubUser: 4, SubUserBindMFA: 4, BindMFA: true, SubUserPwdLevel: ram.PasswordLevelHigh,
	}}}
}

func find(t *testing.T, fs []findings.Finding, id string) findings.Finding {
	t.Helper()
	for _, f := range fs {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no finding %s", id)
	return findings.Finding{}
}

func TestEveryCheckAndStatus(t *testing.T) {
	tests := []struct {
		id     string
		edit   func(r *ram.Report)
		status findings.Status
		detail string
	}{
		{"ROOT_ACCESS_KEY", func(r *ram.Report) {}, findings.StatusPass, "the root account has no AccessKey"},
		{"ROOT_ACCESS_KEY", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.RootWithAccessKey = 2 }, findings.StatusFail, "the root account has 2 AccessKeys"},
		{"ROOT_ACCESS_KEY", func(r *ram.Report) { r.SetMissing(ram.FieldRootWithAccessKey) }, findings.StatusUnknown, "the response did not include RootWithAccessKey"},

		{"ROOT_MFA", func(r *ram.Report) {}, findings.StatusPass, "the root account has an MFA device"},
		{"ROOT_MFA", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.BindMFA = false }, findings.StatusFail, "the root account has no MFA device"},
		{"ROOT_MFA", func(r *ram.Report) { r.SetMissing(ram.FieldBindMFA) }, findings.StatusUnknown, "the response did not include BindMfa"},

		{"RAM_USER_MFA", func(r *ram.Report) {}, findings.StatusPass, "all 4 RAM users have MFA"},
		{"RAM_USER_MFA", func(r *ram.Report) {
			r.AccountSecurityPracticeInfo.UserInfo.SubUser, r.AccountSecurityPracticeInfo.UserInfo.SubUserBindMFA = 0, 0
		}, findings.StatusPass, "there are no RAM users"},
		{"RAM_USER_MFA", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.SubUserBindMFA = 1 }, findings.StatusFail, "3 of 4 RAM users have no MFA device"},
		{"RAM_USER_MFA", func(r *ram.Report) { r.SetMissing(ram.FieldSubUserBindMFA) }, findings.StatusUnknown, "the response did not include SubUserBindMfa"},
		{"RAM_USER_MFA", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.SubUserBindMFA = 5 }, findings.StatusUnknown, "the report counts 5 RAM users with MFA but only 4 RAM users"},
		{"ROOT_ACCESS_KEY", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.RootWithAccessKey = -1 }, findings.StatusUnknown, "the report gives a negative RootWithAccessKey"},
		{"RAM_USER_MFA", func(r *ram.Report) { r.SetMissing(ram.FieldSubUser, ram.FieldSubUserBindMFA) }, findings.StatusUnknown, "the response did not include SubUser and SubUserBindMfa"},

		{"UNUSED_ACCESS_KEYS", func(r *ram.Report) {}, findings.StatusPass, "the account has no unused AccessKeys"},
		{"UNUSED_ACCESS_KEYS", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.UnusedAkNum = 1 }, findings.StatusFail, "the account has 1 unused AccessKey"},
		{"UNUSED_ACCESS_KEYS", func(r *ram.Report) { r.SetMissing(ram.FieldUnusedAkNum) }, findings.StatusUnknown, "the response did not include UnusedAkNum"},

		{"RAM_USERS_UNUSED_ACCESS_KEYS", func(r *ram.Report) {}, findings.StatusPass, "the account has no RAM users with unused AccessKeys"},
		{"RAM_USERS_UNUSED_ACCESS_KEYS", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.SubUserWithUnusedAccessKey = 3 }, findings.StatusFail, "the account has 3 RAM users with unused AccessKeys"},
		{"RAM_USERS_UNUSED_ACCESS_KEYS", func(r *ram.Report) { r.SetMissing(ram.FieldSubUserWithUnusedAccessKey) }, findings.StatusUnknown, "the response did not include SubUserWithUnusedAccessKey"},

		{"OLD_ACCESS_KEYS", func(r *ram.Report) {}, findings.StatusPass, "the account has no AccessKeys not rotated for a long time"},
		{"OLD_ACCESS_KEYS", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.OldAkNum = 1 }, findings.StatusFail, "the account has 1 AccessKey not rotated for a long time"},
		{"OLD_ACCESS_KEYS", func(r *ram.Report) { r.SetMissing(ram.FieldOldAkNum) }, findings.StatusUnknown, "the response did not include OldAkNum"},

		{"RAM_USERS_OLD_ACCESS_KEYS", func(r *ram.Report) {}, findings.StatusPass, "the account has no RAM users with unrotated AccessKeys"},
		{"RAM_USERS_OLD_ACCESS_KEYS", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.SubUserWithOldAccessKey = 2 }, findings.StatusFail, "the account has 2 RAM users with unrotated AccessKeys"},
		{"RAM_USERS_OLD_ACCESS_KEYS", func(r *ram.Report) { r.SetMissing(ram.FieldSubUserWithOldAccessKey) }, findings.StatusUnknown, "the response did not include SubUserWithOldAccessKey"},

		{"PASSWORD_POLICY", func(r *ram.Report) {}, findings.StatusPass, "the password policy is rated high"},
		{"PASSWORD_POLICY", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.SubUserPwdLevel = ram.PasswordLevelMid }, findings.StatusWarn, "the password policy is rated mid"},
		{"PASSWORD_POLICY", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.SubUserPwdLevel = ram.PasswordLevelLow }, findings.StatusFail, "the password policy is rated low"},
		{"PASSWORD_POLICY", func(r *ram.Report) { r.AccountSecurityPracticeInfo.UserInfo.SubUserPwdLevel = "ultra" }, findings.StatusUnknown, `the password policy is rated "ultra", a level this version does not know`},
		{"PASSWORD_POLICY", func(r *ram.Report) { r.SetMissing(ram.FieldSubUserPwdLevel) }, findings.StatusUnknown, "the response did not include SubUserPwdLevel"},
	}
	covered := map[string]map[findings.Status]bool{}
	for _, tt := range tests {
		t.Run(tt.id+"/"+string(tt.status)+"/"+tt.detail, func(t *testing.T) {
			r := clean()
			tt.edit(r)
			fs := findings.Evaluate(r)
			require.Len(t, fs, len(findings.Checks()))
			f := find(t, fs, tt.id)
			assert.Equal(t, tt.status, f.Status)
			assert.Equal(t, tt.detail, f.Detail)
			for _, other := range fs {
				if other.ID != tt.id {
					assert.Equal(t, findings.StatusPass, other.Status, "%s is untouched", other.ID)
				}
			}
			if covered[tt.id] == nil {
				covered[tt.id] = map[findings.Status]bool{}
			}
			covered[tt.id][tt.status] = true
		})
	}
	for _, c := range findings.Checks() {
		assert.True(t, covered[c.ID][findings.StatusPass], "%s pass", c.ID)
		assert.True(t, covered[c.ID][findings.StatusFail], "%s fail", c.ID)
		assert.True(t, covered[c.ID][findings.StatusUnknown], "%s unknown", c.ID)
	}
}

func TestTheAPIReferenceExample(t *testing.T) {
	fs := findings.Evaluate(ramtest.ExampleReport())
	want := map[string]findings.Status{
		"ROOT_ACCESS_KEY":              findings.StatusFail,
		"ROOT_MFA":                     findings.StatusFail,
		"RAM_USER_MFA":                 findings.StatusFail,
		"UNUSED_ACCESS_KEYS":           findings.StatusPass,
		"RAM_USERS_UNUSED_ACCESS_KEYS": findings.StatusPass,
		"OLD_ACCESS_KEYS":              findings.StatusPass,
		"RAM_USERS_OLD_ACCESS_KEYS":    findings.StatusPass,
		"PASSWORD_POLICY":              findings.StatusFail,
	}
	got := map[string]findings.Status{}
	for _, f := range fs {
		got[f.ID] = f.Status
		assert.NotEmpty(t, f.Title)
		assert.NotEmpty(t, f.Remediation)
		assert.NotEmpty(t, f.Fix)
		assert.NotEmpty(t, f.Evidence)
	}
	assert.Equal(t, want, got)
	mfa := find(t, fs, "RAM_USER_MFA")
	assert.Equal(t, "9 of 9 RAM users have no MFA device", mfa.Detail)
	assert.Equal(t, []findings.Evidence{
		{Field: "AccountSecurityPracticeInfo.AccountSecurityPracticeUserInfo.SubUser", Value: 9},
		{Field: "AccountSecurityPracticeInfo.AccountSecurityPracticeUserInfo.SubUserBindMfa", Value: 0},
	}, mfa.Evidence)
	assert.Equal(t, findings.Critical, find(t, fs, "ROOT_ACCESS_KEY").Severity)
	assert.Equal(t, "1.2", find(t, fs, "ROOT_ACCESS_KEY").CIS)
}

func TestNilReportIsAllUnknown(t *testing.T) {
	for _, f := range findings.Evaluate(nil) {
		assert.Equal(t, findings.StatusUnknown, f.Status, f.ID)
		for _, ev := range f.Evidence {
			assert.Nil(t, ev.Value)
		}
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range []findings.Severity{findings.Low, findings.Medium, findings.High, findings.Critical} {
		text, err := s.MarshalText()
		require.NoError(t, err)
		var back findings.Severity
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, s, back)
	}
	got, err := findings.ParseSeverity("HIGH")
	require.NoError(t, err)
	assert.Equal(t, findings.High, got)
	_, err = findings.ParseSeverity("severe")
	assert.ErrorContains(t, err, "want low, medium, high or critical")
	_, err = findings.Severity(9).MarshalText()
	assert.Error(t, err)
	assert.Equal(t, "Severity(9)", findings.Severity(9).String())
	assert.True(t, findings.Low < findings.Critical)
}

func TestFailing(t *testing.T) {
	f := findings.Finding{Severity: findings.High, Status: findings.StatusFail}
	assert.True(t, f.Failing(findings.High, false))
	assert.True(t, f.Failing(findings.Low, false))
	assert.False(t, f.Failing(findings.Critical, false))
	u := findings.Finding{Severity: findings.High, Status: findings.StatusUnknown}
	assert.False(t, u.Failing(findings.Low, false))
	assert.True(t, u.Failing(findings.Low, true))
	w := findings.Finding{Severity: findings.High, Status: findings.StatusWarn}
	assert.False(t, w.Failing(findings.Low, true))
}

func TestFindingJSON(t *testing.T) {
	f := find(t, findings.Evaluate(ramtest.ExampleReport()), "ROOT_ACCESS_KEY")
	raw, err := json.Marshal(f)
	require.NoError(t, err)
	assert.Contains(t, string(raw), `"severity":"critical"`)
	assert.Contains(t, string(raw), `"status":"fail"`)
	assert.Contains(t, string(raw), `"cis":"1.2"`)
}
