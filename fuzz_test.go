package ram

import (
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wireSeeds are real-shaped bodies: the API reference's example, partial
// and mistyped reports, and the service's error bodies.
func wireSeeds(t testing.TB) [][]byte {
	example, err := os.ReadFile("testdata/report-example.json")
	require.NoError(t, err)
	return [][]byte{
		example,
		[]byte(`{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":10}}`),
		[]byte(`{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"SubUser":null,"BindMfa":true,"SubUserPwdLevel":"x\u00e9"},"Score":-1}}`),
		[]byte(`{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":"63"}}`),
		[]byte(`{"RequestId":"5F5A5D5C-A1B2","HostId":"ims.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control.","Recommend":"https://api.aliyun.com/troubleshoot?q=Throttling.User&product=Ims"}`),
		[]byte(`{"RequestId":"7A2B","HostId":"ims.aliyuncs.com","Code":"NoPermission","Message":"You are not authorized to do this action.","AccessDeniedDetail":{"PolicyType":"AccountLevelIdentityBasedPolicy","AuthPrincipalOwnerId":"1234","EncodedDiagnosticMessage":"AQIB","AuthPrincipalType":"SubUser","AuthPrincipalDisplayName":"scanner","NoPermissionType":"ImplicitDeny","AuthAction":"ram:GetAccountSecurityPracticeReport"}}`),
		[]byte(`<html><body><h1>502 Bad Gateway</h1></body></html>`),
		[]byte(`{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"Unus`),
		[]byte(``),
		[]byte(`null`),
	}
}

func FuzzDecodeReport(f *testing.F) {
	for _, s := range wireSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		rep, err := decodeReport(body)
		if err != nil {
			assert.Nil(t, rep)
			assert.NotEmpty(t, err.Error())
			return
		}
		require.NotNil(t, rep)
		assert.NotEmpty(t, rep.RequestID)
		// What decodes encodes to valid JSON that decodes to the same report.
		out, err := json.Marshal(rep)
		require.NoError(t, err)
		again, err := decodeReport(out)
		require.NoError(t, err, "%s", out)
		assert.Equal(t, rep, again)
		for _, f := range rep.Missing() {
			assert.False(t, rep.Has(f))
		}
	})
}

func FuzzAPIError(f *testing.F) {
	for _, s := range wireSeeds(f) {
		f.Add(400, s)
		f.Add(503, s)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		header := http.Header{requestIDHeader: {"HDR-ID"}}
		e := newAPIError(status, header, body)
		require.NotNil(t, e)
		msg := e.Error()
		assert.True(t, strings.HasPrefix(msg, "HTTP "+strconv.Itoa(status)))
		assert.LessOrEqual(t, len(e.Excerpt), maxExcerpt)
		assert.True(t, utf8.ValidString(e.Excerpt))
		assert.NotEmpty(t, e.RequestID)
	})
}
