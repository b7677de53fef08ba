package ram

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
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

// referenceDecode is the decoder's oracle: encoding/json reads the body
// into generic values, and the report's rules are applied to those.
func referenceDecode(body []byte) (*Report, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	if top == nil {
		return nil, errors.New("null")
	}
	obj, ok := top.(map[string]any)
	if !ok {
		return nil, errors.New("not an object")
	}
	rep := &Report{}
	switch id := obj["RequestId"].(type) {
	case string:
		rep.RequestID = id
	case nil:
	default:
		return nil, errors.New("RequestId type")
	}
	info, ok := obj["AccountSecurityPracticeInfo"].(map[string]any)
	if !ok && obj["AccountSecurityPracticeInfo"] != nil {
		return nil, errors.New("info type")
	}
	user, ok := info["AccountSecurityPracticeUserInfo"].(map[string]any)
	if !ok && info["AccountSecurityPracticeUserInfo"] != nil {
		return nil, errors.New("user info type")
	}
	ints := map[Field]*int{
		FieldUnusedAkNum: &rep.AccountSecurityPracticeInfo.UserInfo.UnusedAkNum, FieldSubUserWithUnusedAccessKey: &rep.AccountSecurityPracticeInfo.UserInfo.SubUserWithUnusedAccessKey,
		FieldRootWithAccessKey: &rep.AccountSecurityPracticeInfo.UserInfo.RootWithAccessKey, FieldSubUser: &rep.AccountSecurityPracticeInfo.UserInfo.SubUser,
		FieldOldAkNum: &rep.AccountSecurityPracticeInfo.UserInfo.OldAkNum, FieldSubUserWithOldAccessKey: &rep.AccountSecurityPracticeInfo.UserInfo.SubUserWithOldAccessKey,
		FieldSubUserBindMFA: &rep.AccountSecurityPracticeInfo.UserInfo.SubUserBindMFA, FieldScore: &rep.AccountSecurityPracticeInfo.Score,
	}
	for f := Field(0); f < numFields; f++ {
		src := user
		if f == FieldScore {
			src = info
		}
		v := src[f.Name()]
		if v == nil {
			rep.missing.add(f)
			continue
		}
		switch f {
		case FieldBindMFA:
			b, ok := v.(bool)
			if !ok {
				return nil, errors.New("bool type")
			}
			rep.AccountSecurityPracticeInfo.UserInfo.BindMFA = b
		case FieldSubUserPwdLevel:
			s, ok := v.(string)
			if !ok {
				return nil, errors.New("string type")
			}
			rep.AccountSecurityPracticeInfo.UserInfo.SubUserPwdLevel = PasswordLevel(s)
		default:
			n, ok := v.(json.Number)
			if !ok {
				return nil, errors.New("int type")
			}
			i, err := strconv.ParseInt(n.String(), 10, strconv.IntSize)
			if err != nil {
				return nil, err
			}
			*ints[f] = int(i)
		}
	}
	if err := referenceChecks(rep, obj, info); err != nil {
		return nil, err
	}
	return rep, nil
}

// referenceChecks applies the report's required-field and range rules.
func referenceChecks(rep *Report, obj, info map[string]any) error {
	if rep.RequestID == "" {
		return errors.New("no RequestId")
	}
	if info == nil || obj["AccountSecurityPracticeInfo"] == nil {
		return errors.New("no info")
	}
	for f := Field(0); f < numFields; f++ {
		if rep.Has(f) && rep.intField(f) < 0 {
			return errors.New("negative")
		}
	}
	return nil
}

// hasDuplicateKeys reports whether any object in a valid JSON body repeats
// a key.
func hasDuplicateKeys(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	type frame struct {
		keys     map[string]bool
		isObject bool
		wantKey  bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.isObject && top.wantKey {
			if key, ok := tok.(string); ok {
				if top.keys[key] {
					return true
				}
				top.keys[key] = true
				top.wantKey = false
				continue
			}
		}
		if top != nil && top.isObject && !top.wantKey {
			top.wantKey = true
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{keys: map[string]bool{}, isObject: true, wantKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && stack[len(stack)-1].isObject {
				stack[len(stack)-1].wantKey = true
			}
		}
	}
}

// FuzzDecoderMatchesEncodingJSON checks the hand-written decoder against
// the encoding/json oracle: both accept the same bodies, with equal reports.
func FuzzDecoderMatchesEncodingJSON(f *testing.F) {
	for _, s := range wireSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{`{"requestid":"x","AccountSecurityPracticeInfo":{}}`, `{"RequestId":"a","RequestId":"b","AccountSecurityPracticeInfo":{"Score":1},"AccountSecurityPracticeInfo":{}}`,
		`{"RequestId":"r\u00e9","AccountSecurityPracticeInfo":{"x":[1,{"y":[]}],"Score":-0}}`, "{\"RequestId\":\"\xff\",\"AccountSecurityPracticeInfo\":{}}",
		`{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":9223372036854775807}}`, `{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":9223372036854775808}}`,
		"{\"RequestId\":\"r\",\"AccountSecurityPracticeInfo\":{}}\x00garbage", "\x00", "{\"RequestId\":\x00}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := decodeReport(body)
		want, wantErr := referenceDecode(body)
		if wantErr != nil {
			assert.Error(t, err, "the oracle refuses it (%v)", wantErr)
			return
		}
		if err != nil && hasDuplicateKeys(body) {
			// A mistyped value under a repeated key is an error for the
			// decoder, as for encoding/json; the oracle's map only sees the
			// last value.
			return
		}
		require.NoError(t, err)
		assert.Equal(t, want, got)
	})
}

func FuzzAPIError(f *testing.F) {
	for _, s := range wireSeeds(f) {
		f.Add(400, s)
		f.Add(503, s)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		header := http.Header{requestIDHeader: {"HDR-ID"}}
		e := NewAPIError(status, header, body)
		require.NotNil(t, e)
		msg := e.Error()
		assert.True(t, strings.HasPrefix(msg, "HTTP "+strconv.Itoa(status)))
		assert.LessOrEqual(t, len(e.Excerpt), maxExcerpt)
		assert.True(t, utf8.ValidString(e.Excerpt))
		assert.NotEmpty(t, e.RequestID)
	})
}
