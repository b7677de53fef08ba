package ram_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

func readExample(t testing.TB) []byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/report-example.json")
	require.NoError(t, err)
	return raw
}

func TestReportDecodesTheAPIReferenceExample(t *testing.T) {
	var rep ram.Report
	require.NoError(t, json.Unmarshal(readExample(t), &rep))

	assert.Equal(t, "ABA822EE-85C2-4418-9577-A1831FC8466D", rep.RequestID)
	info := rep.AccountSecurityPracticeInfo
	assert.Equal(t, 63, info.Score)
	assert.Equal(t, ram.UserInfo{
		UnusedAkNum:                0,
		SubUserWithUnusedAccessKey: 0,
		RootWithAccessKey:          1,
		SubUser:                    9,
		BindMFA:                    false,
		OldAkNum:                   0,
		SubUserPwdLevel:            ram.PasswordLevelLow,
		SubUserWithOldAccessKey:    0,
		SubUserBindMFA:             0,
	}, info.UserInfo)
	assert.Empty(t, rep.Missing())
	for _, f := range ram.Fields() {
		assert.True(t, rep.Has(f), f.String())
	}
}

func TestReportRoundTripsToTheSameJSON(t *testing.T) {
	raw := readExample(t)
	var rep ram.Report
	require.NoError(t, json.Unmarshal(raw, &rep))
	out, err := json.Marshal(rep)
	require.NoError(t, err)

	var want bytes.Buffer
	require.NoError(t, json.Compact(&want, raw))
	assert.Equal(t, want.String(), string(out), "byte for byte, in the API's field order")

	outPtr, err := json.Marshal(&rep)
	require.NoError(t, err)
	assert.Equal(t, string(out), string(outPtr))
}

func TestReportMissingFields(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		missing []ram.Field
	}{
		{
			name:    "one counter absent",
			body:    `{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"UnusedAkNum":0,"SubUserWithUnusedAccessKey":0,"SubUser":9,"BindMfa":true,"OldAkNum":0,"SubUserPwdLevel":"mid","SubUserWithOldAccessKey":0,"SubUserBindMfa":2},"Score":80}}`,
			missing: []ram.Field{ram.FieldRootWithAccessKey},
		},
		{
			name:    "null counts as absent",
			body:    `{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"UnusedAkNum":null,"SubUserWithUnusedAccessKey":0,"RootWithAccessKey":0,"SubUser":9,"BindMfa":null,"OldAkNum":0,"SubUserPwdLevel":null,"SubUserWithOldAccessKey":0,"SubUserBindMfa":2},"Score":null}}`,
			missing: []ram.Field{ram.FieldUnusedAkNum, ram.FieldBindMFA, ram.FieldSubUserPwdLevel, ram.FieldScore},
		},
		{
			name: "user info absent",
			body: `{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":10}}`,
			missing: []ram.Field{ram.FieldUnusedAkNum, ram.FieldSubUserWithUnusedAccessKey, ram.FieldRootWithAccessKey,
				ram.FieldSubUser, ram.FieldBindMFA, ram.FieldOldAkNum, ram.FieldSubUserPwdLevel,
				ram.FieldSubUserWithOldAccessKey, ram.FieldSubUserBindMFA},
		},
		{
			name:    "everything absent",
			body:    `{"RequestId":"r","AccountSecurityPracticeInfo":{}}`,
			missing: ram.Fields(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rep ram.Report
			require.NoError(t, json.Unmarshal([]byte(tt.body), &rep))
			assert.Equal(t, tt.missing, rep.Missing())
			for _, f := range ram.Fields() {
				assert.Equal(t, !contains(tt.missing, f), rep.Has(f), f.String())
			}
			// Absent fields stay absent through an encode and decode.
			out, err := json.Marshal(rep)
			require.NoError(t, err)
			var again ram.Report
			require.NoError(t, json.Unmarshal(out, &again), string(out))
			assert.Equal(t, rep, again)
		})
	}
}

func contains(fs []ram.Field, f ram.Field) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

func TestReportRejectsBadBodies(t *testing.T) {
	tests := []struct {
		name, body, wantErr string
	}{
		{"empty", ``, "not valid JSON"},
		{"truncated", `{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":6`, "not valid JSON"},
		{"html", `<html><body>502 Bad Gateway</body></html>`, "not valid JSON"},
		{"not an object", `[1,2]`, "want object, got array"},
		{"no RequestId", `{"AccountSecurityPracticeInfo":{"Score":1}}`, "no RequestId"},
		{"empty RequestId", `{"RequestId":"","AccountSecurityPracticeInfo":{"Score":1}}`, "no RequestId"},
		{"no info", `{"RequestId":"r"}`, "no AccountSecurityPracticeInfo"},
		{"null info", `{"RequestId":"r","AccountSecurityPracticeInfo":null}`, "no AccountSecurityPracticeInfo"},
		{"null body", `null`, "no RequestId"},
		{"score as string", `{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":"63"}}`, "AccountSecurityPracticeInfo.Score: want integer, got string"},
		{"score as float", `{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":63.5}}`, "want integer, got number 63.5"},
		{"counter overflow", `{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"SubUser":1e99}}}`, "AccountSecurityPracticeUserInfo.SubUser: want integer"},
		{"negative counter", `{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"SubUser":-1}}}`, "SubUser is negative"},
		{"bool as number", `{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"BindMfa":1}}}`, "BindMfa: want boolean, got number 1"},
		{"level as number", `{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"SubUserPwdLevel":3}}}`, "SubUserPwdLevel: want string"},
		{"RequestId as object", `{"RequestId":{},"AccountSecurityPracticeInfo":{}}`, "RequestId: want string, got object"},
		{"trailing garbage", `{"RequestId":"r","AccountSecurityPracticeInfo":{}} x`, "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := ram.DecodeReport([]byte(tt.body))
			require.Error(t, err)
			assert.Nil(t, rep)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.NotContains(t, err.Error(), "wire", "no internal type names")

			var viaJSON ram.Report
			assert.Error(t, json.Unmarshal([]byte(tt.body), &viaJSON), "json.Unmarshal refuses it too")
		})
	}
}

func TestPasswordLevelKeepsUnknownValues(t *testing.T) {
	body := `{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"SubUserPwdLevel":"very-high"}}}`
	var rep ram.Report
	require.NoError(t, json.Unmarshal([]byte(body), &rep))
	lvl := rep.AccountSecurityPracticeInfo.UserInfo.SubUserPwdLevel
	assert.Equal(t, ram.PasswordLevel("very-high"), lvl)
	assert.False(t, lvl.Known())
	for _, l := range []ram.PasswordLevel{ram.PasswordLevelLow, ram.PasswordLevelMid, ram.PasswordLevelHigh} {
		assert.True(t, l.Known(), l)
	}
	assert.Equal(t, []string{"low", "mid", "high"}, []string{string(ram.PasswordLevelLow), string(ram.PasswordLevelMid), string(ram.PasswordLevelHigh)})
}

func TestReportEscapedStrings(t *testing.T) {
	body := `{"RequestId":"a\/b\u00e9","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"SubUserPwdLevel":"l\"ow"}}}`
	var rep ram.Report
	require.NoError(t, json.Unmarshal([]byte(body), &rep))
	assert.Equal(t, "a/bé", rep.RequestID)
	assert.Equal(t, ram.PasswordLevel(`l"ow`), rep.AccountSecurityPracticeInfo.UserInfo.SubUserPwdLevel)
}

func TestSetMissing(t *testing.T) {
	rep := ram.Report{RequestID: "r", AccountSecurityPracticeInfo: ram.PracticeInfo{Score: 50,
		UserInfo: ram.UserInfo{RootWithAccessKey: 2, BindMFA: true, SubUserPwdLevel: ram.PasswordLevelHigh}}}
	assert.Empty(t, rep.Missing(), "a report built in Go is complete")
	rep.SetMissing(ram.FieldRootWithAccessKey, ram.FieldBindMFA, ram.FieldSubUserPwdLevel, ram.FieldScore)
	assert.Equal(t, []ram.Field{ram.FieldRootWithAccessKey, ram.FieldBindMFA, ram.FieldSubUserPwdLevel, ram.FieldScore}, rep.Missing())
	assert.Zero(t, rep.AccountSecurityPracticeInfo)
	out, err := json.Marshal(rep)
	require.NoError(t, err)
	assert.Equal(t, `{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"UnusedAkNum":0,"SubUserWithUnusedAccessKey":0,"SubUser":0,"OldAkNum":0,"SubUserWithOldAccessKey":0,"SubUserBindMfa":0}}}`, string(out))
}

func TestFieldNames(t *testing.T) {
	assert.Len(t, ram.Fields(), 10)
	assert.Equal(t, "RootWithAccessKey", ram.FieldRootWithAccessKey.Name())
	assert.Equal(t, "BindMfa", ram.FieldBindMFA.Name())
	assert.Equal(t, "AccountSecurityPracticeInfo.AccountSecurityPracticeUserInfo.SubUserBindMfa", ram.FieldSubUserBindMFA.String())
	assert.Equal(t, "AccountSecurityPracticeInfo.Score", ram.FieldScore.String())
	assert.Equal(t, "Field(invalid)", ram.Field(200).String())
	var rep ram.Report
	assert.False(t, rep.Has(ram.Field(200)))
	rep.SetMissing(ram.Field(200))
	assert.Empty(t, rep.Missing())
}

func TestReportValue(t *testing.T) {
	rep := ramtest.ExampleReport()
	assert.Equal(t, 1, rep.Value(ram.FieldRootWithAccessKey))
	assert.Equal(t, 63, rep.Value(ram.FieldScore))
	assert.Equal(t, false, rep.Value(ram.FieldBindMFA))
	assert.Equal(t, ram.PasswordLevelLow, rep.Value(ram.FieldSubUserPwdLevel))
	rep.SetMissing(ram.FieldSubUser)
	assert.Nil(t, rep.Value(ram.FieldSubUser))
	assert.Nil(t, rep.Value(ram.Field(99)))
	for _, f := range ram.Fields() {
		if f != ram.FieldSubUser {
			assert.NotNil(t, rep.Value(f), f.String())
		}
	}
}
