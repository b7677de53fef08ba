package ram

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// UnmarshalJSON decodes a report as the service sends it. A body without
// RequestId or AccountSecurityPracticeInfo, a value of the wrong type and a
// negative counter are errors; a documented value the body lacks is recorded
// as missing (see [Report.Missing]).
func (r *Report) UnmarshalJSON(data []byte) error {
	rep, err := decodeReport(data)
	if err != nil {
		return err
	}
	*r = *rep
	return nil
}

// decodeReport parses and checks a success body.
func decodeReport(body []byte) (*Report, error) {
	var w wireReport
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, describeJSONError(err)
	}
	if !w.RequestID.ok || w.RequestID.v == "" {
		return nil, errors.New("report has no RequestId")
	}
	if w.Info == nil {
		return nil, errors.New("report has no AccountSecurityPracticeInfo")
	}
	rep := &Report{RequestID: w.RequestID.v}
	info := &rep.AccountSecurityPracticeInfo
	u := w.Info.UserInfo
	if u == nil {
		u = &wireUserInfo{}
	}
	ints := [...]struct {
		f   Field
		src optInt
		dst *int
	}{
		{FieldUnusedAkNum, u.UnusedAkNum, &info.UserInfo.UnusedAkNum},
		{FieldSubUserWithUnusedAccessKey, u.SubUserWithUnusedAccessKey, &info.UserInfo.SubUserWithUnusedAccessKey},
		{FieldRootWithAccessKey, u.RootWithAccessKey, &info.UserInfo.RootWithAccessKey},
		{FieldSubUser, u.SubUser, &info.UserInfo.SubUser},
		{FieldOldAkNum, u.OldAkNum, &info.UserInfo.OldAkNum},
		{FieldSubUserWithOldAccessKey, u.SubUserWithOldAccessKey, &info.UserInfo.SubUserWithOldAccessKey},
		{FieldSubUserBindMFA, u.SubUserBindMFA, &info.UserInfo.SubUserBindMFA},
		{FieldScore, w.Info.Score, &info.Score},
	}
	for _, x := range ints {
		if !x.src.ok {
			rep.missing.add(x.f)
			continue
		}
		if x.src.v < 0 {
			return nil, fmt.Errorf("report field %s is negative (%d)", x.f, x.src.v)
		}
		*x.dst = x.src.v
	}
	if u.BindMFA.ok {
		info.UserInfo.BindMFA = u.BindMFA.v
	} else {
		rep.missing.add(FieldBindMFA)
	}
	if u.SubUserPwdLevel.ok {
		info.UserInfo.SubUserPwdLevel = PasswordLevel(u.SubUserPwdLevel.v)
	} else {
		rep.missing.add(FieldSubUserPwdLevel)
	}
	return rep, nil
}

// describeJSONError turns encoding/json errors into messages that name the
// response field and the byte offset, without internal type names.
func describeJSONError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "the body"
		}
		return fmt.Errorf("report field %s: want %s, got %s", field, wireKind(typeErr.Type), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("report is not valid JSON (at byte %d): %s", syntaxErr.Offset, strings.TrimPrefix(syntaxErr.Error(), "json: "))
	default:
		return fmt.Errorf("report is not valid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
}

var (
	intType    = reflect.TypeFor[int]()
	boolType   = reflect.TypeFor[bool]()
	stringType = reflect.TypeFor[string]()
)

// wireKind names a Go type as the JSON kind the field should carry.
func wireKind(t reflect.Type) string {
	switch t {
	case intType:
		return "integer"
	case boolType:
		return "boolean"
	case stringType:
		return "string"
	}
	return "object"
}

// wireReport and its parts mirror the response body, recording which
// documented values were present.
type wireReport struct {
	RequestID optString `json:"RequestId"`
	Info      *wireInfo `json:"AccountSecurityPracticeInfo"`
}

type wireInfo struct {
	UserInfo *wireUserInfo `json:"AccountSecurityPracticeUserInfo"`
	Score    optInt        `json:"Score"`
}

type wireUserInfo struct {
	UnusedAkNum                optInt    `json:"UnusedAkNum"`
	SubUserWithUnusedAccessKey optInt    `json:"SubUserWithUnusedAccessKey"`
	RootWithAccessKey          optInt    `json:"RootWithAccessKey"`
	SubUser                    optInt    `json:"SubUser"`
	BindMFA                    optBool   `json:"BindMfa"`
	OldAkNum                   optInt    `json:"OldAkNum"`
	SubUserPwdLevel            optString `json:"SubUserPwdLevel"`
	SubUserWithOldAccessKey    optInt    `json:"SubUserWithOldAccessKey"`
	SubUserBindMFA             optInt    `json:"SubUserBindMfa"`
}

// optInt, optBool and optString decode a JSON value and record that it was
// there; null counts as absent.
type optInt struct {
	v  int
	ok bool
}

type optBool struct {
	v  bool
	ok bool
}

type optString struct {
	v  string
	ok bool
}

func (o *optInt) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*o = optInt{}
		return nil
	}
	if b[0] != '-' && (b[0] < '0' || b[0] > '9') {
		return typeError(b, intType)
	}
	n, err := strconv.ParseInt(string(b), 10, strconv.IntSize)
	if err != nil {
		return typeError(b, intType)
	}
	*o = optInt{v: int(n), ok: true}
	return nil
}

func (o *optBool) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case "null":
		*o = optBool{}
	case "true":
		*o = optBool{v: true, ok: true}
	case "false":
		*o = optBool{ok: true}
	default:
		return typeError(b, boolType)
	}
	return nil
}

func (o *optString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*o = optString{}
		return nil
	}
	if b[0] != '"' {
		return typeError(b, stringType)
	}
	inner := b[1 : len(b)-1]
	var s string
	switch {
	case strings.IndexByte(string(inner), '\\') >= 0:
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	case utf8.Valid(inner):
		s = string(inner)
	default:
		s = strings.ToValidUTF8(string(inner), "\uFFFD")
	}
	*o = optString{v: s, ok: true}
	return nil
}

// typeError reports a JSON value of the wrong kind; encoding/json adds the
// field path.
func typeError(b []byte, want reflect.Type) error {
	var got string
	switch b[0] {
	case '"':
		got = "string"
	case '{':
		got = "object"
	case '[':
		got = "array"
	case 't', 'f':
		got = "boolean"
	default:
		const maxLiteral = 32
		if len(b) > maxLiteral {
			b = b[:maxLiteral]
		}
		got = "number " + string(b)
	}
	return &json.UnmarshalTypeError{Value: got, Type: want}
}
