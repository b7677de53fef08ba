package ram

import (
	"encoding/json"
	"strconv"
)

// MarshalJSON encodes the report with the API's field names and order,
// leaving out the fields the response did not carry, so that a decoded
// report encodes back to what the service sent.
func (r Report) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 384)
	b = append(b, `{"RequestId":`...)
	b = appendString(b, r.RequestID)
	b = append(b, `,"AccountSecurityPracticeInfo":{`...)
	info := r.AccountSecurityPracticeInfo
	u := info.UserInfo
	comma := false
	field := func(f Field) bool {
		if r.missing.has(f) {
			return false
		}
		if comma {
			b = append(b, ',')
		}
		comma = true
		b = append(b, '"')
		b = append(b, f.Name()...)
		b = append(b, `":`...)
		return true
	}
	userFields := false
	for f := Field(0); f < FieldScore; f++ {
		userFields = userFields || !r.missing.has(f)
	}
	if userFields {
		b = append(b, `"AccountSecurityPracticeUserInfo":{`...)
		ints := [...]struct {
			f Field
			v int
		}{
			{FieldUnusedAkNum, u.UnusedAkNum},
			{FieldSubUserWithUnusedAccessKey, u.SubUserWithUnusedAccessKey},
			{FieldRootWithAccessKey, u.RootWithAccessKey},
			{FieldSubUser, u.SubUser},
		}
		for _, x := range ints {
			if field(x.f) {
				b = strconv.AppendInt(b, int64(x.v), 10)
			}
		}
		if field(FieldBindMFA) {
			b = strconv.AppendBool(b, u.BindMFA)
		}
		if field(FieldOldAkNum) {
			b = strconv.AppendInt(b, int64(u.OldAkNum), 10)
		}
		if field(FieldSubUserPwdLevel) {
			b = appendString(b, string(u.SubUserPwdLevel))
		}
		if field(FieldSubUserWithOldAccessKey) {
			b = strconv.AppendInt(b, int64(u.SubUserWithOldAccessKey), 10)
		}
		if field(FieldSubUserBindMFA) {
			b = strconv.AppendInt(b, int64(u.SubUserBindMFA), 10)
		}
		b = append(b, '}')
	}
	comma = userFields
	if field(FieldScore) {
		b = strconv.AppendInt(b, int64(info.Score), 10)
	}
	b = append(b, "}}"...)
	return b, nil
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
}
