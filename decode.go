package ram

import (
	"errors"
	"fmt"
)

// UnmarshalJSON decodes a report as the service sends it. A body without
// RequestId or AccountSecurityPracticeInfo, a value of the wrong type and a
// negative counter are errors; a documented value the body lacks, or sends
// as null, is recorded as missing (see [Report.Missing]). Keys match
// exactly; unknown keys are ignored; of repeated keys the last one counts.
func (r *Report) UnmarshalJSON(data []byte) error {
	rep, err := decodeReport(data)
	if err != nil {
		return err
	}
	*r = *rep
	return nil
}

// The field paths of the objects of the report.
const (
	pathInfo     = "AccountSecurityPracticeInfo"
	pathUserInfo = pathInfo + ".AccountSecurityPracticeUserInfo"
)

// reportDecoder collects the values of one body. The first type error is
// kept while the rest of the body is still checked, so that malformed JSON
// anywhere is reported as such, as encoding/json does.
type reportDecoder struct {
	s        scanner
	rep      Report
	haveID   bool
	haveInfo bool
	present  [numFields]bool
	firstErr error
}

// decodeReport parses and checks a success body.
func decodeReport(body []byte) (*Report, error) {
	d := &reportDecoder{s: scanner{data: body}}
	if err := d.top(); err != nil {
		return nil, err
	}
	if d.s.skipSpace(); d.s.off < len(d.s.data) {
		return nil, d.s.syntaxError("invalid character after the top-level value")
	}
	if d.firstErr != nil {
		return nil, d.firstErr
	}
	if !d.haveID || d.rep.RequestID == "" {
		return nil, errors.New("report has no RequestId")
	}
	if !d.haveInfo {
		return nil, errors.New("report has no AccountSecurityPracticeInfo")
	}
	for f := Field(0); f < numFields; f++ {
		switch {
		case !d.present[f]:
			d.rep.missing.add(f)
		case d.rep.intField(f) < 0:
			return nil, fmt.Errorf("report field %s is negative (%d)", f, d.rep.intField(f))
		}
	}
	rep := d.rep
	return &rep, nil
}

// keep records a type error and lets decoding go on; other errors stop it.
func (d *reportDecoder) keep(err error) error {
	if _, ok := err.(*typeError); ok {
		if d.firstErr == nil {
			d.firstErr = err
		}
		return nil
	}
	return err
}

func (d *reportDecoder) top() error {
	switch c := d.s.peek(); c {
	case '{':
		return d.s.object(0, d.topField)
	case 'n':
		return d.s.literal("null")
	case 0:
		if d.s.off >= len(d.s.data) {
			return d.s.syntaxError("unexpected end of JSON input")
		}
		return d.s.syntaxError("invalid character '\\x00'")
	default:
		return d.keep(d.s.wrongType("the body", "object", c))
	}
}

func (d *reportDecoder) topField(key []byte) error {
	switch string(key) {
	case "RequestId":
		v, ok, err := d.s.optString("RequestId")
		d.rep.RequestID, d.haveID = v, ok
		return d.keep(err)
	case pathInfo:
		d.rep.AccountSecurityPracticeInfo = PracticeInfo{}
		d.present = [numFields]bool{}
		d.haveInfo = false
		if null, err := d.s.null(); null || err != nil {
			return err
		}
		if c := d.s.peek(); c != '{' {
			return d.keep(d.s.wrongType(pathInfo, "object", c))
		}
		d.haveInfo = true
		return d.s.object(1, d.infoField)
	default:
		return d.s.skip(1)
	}
}

func (d *reportDecoder) infoField(key []byte) error {
	switch string(key) {
	case "Score":
		return d.intField(FieldScore, &d.rep.AccountSecurityPracticeInfo.Score)
	case "AccountSecurityPracticeUserInfo":
		d.rep.AccountSecurityPracticeInfo.UserInfo = UserInfo{}
		for f := Field(0); f < FieldScore; f++ {
			d.present[f] = false
		}
		if null, err := d.s.null(); null || err != nil {
			return err
		}
		if c := d.s.peek(); c != '{' {
			return d.keep(d.s.wrongType(pathUserInfo, "object", c))
		}
		return d.s.object(2, d.userField)
	default:
		return d.s.skip(2)
	}
}

func (d *reportDecoder) userField(key []byte) error {
	u := &d.rep.AccountSecurityPracticeInfo.UserInfo
	switch string(key) {
	case "UnusedAkNum":
		return d.intField(FieldUnusedAkNum, &u.UnusedAkNum)
	case "SubUserWithUnusedAccessKey":
		return d.intField(FieldSubUserWithUnusedAccessKey, &u.SubUserWithUnusedAccessKey)
	case "RootWithAccessKey":
		return d.intField(FieldRootWithAccessKey, &u.RootWithAccessKey)
	case "SubUser":
		return d.intField(FieldSubUser, &u.SubUser)
	case "OldAkNum":
		return d.intField(FieldOldAkNum, &u.OldAkNum)
	case "SubUserWithOldAccessKey":
		return d.intField(FieldSubUserWithOldAccessKey, &u.SubUserWithOldAccessKey)
	case "SubUserBindMfa":
		return d.intField(FieldSubUserBindMFA, &u.SubUserBindMFA)
	case "BindMfa":
		v, ok, err := d.s.boolValue(FieldBindMFA.String())
		u.BindMFA, d.present[FieldBindMFA] = v, ok
		return d.keep(err)
	case "SubUserPwdLevel":
		v, ok, err := d.s.optString(FieldSubUserPwdLevel.String())
		u.SubUserPwdLevel, d.present[FieldSubUserPwdLevel] = PasswordLevel(v), ok
		return d.keep(err)
	default:
		return d.s.skip(3)
	}
}

// intField reads a counter or the score into dst.
func (d *reportDecoder) intField(f Field, dst *int) error {
	v, ok, err := d.s.intValue(f.String())
	*dst, d.present[f] = v, ok
	return d.keep(err)
}
