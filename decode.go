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
		return d.intField(FieldScore)
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
	f := userFieldNamed(key)
	switch f {
	case numFields:
		return d.s.skip(3)
	case FieldBindMFA:
		v, ok, err := d.s.boolValue(f.String())
		u.BindMFA, d.present[f] = v, ok
		return d.keep(err)
	case FieldSubUserPwdLevel:
		v, ok, err := d.s.optString(f.String())
		u.SubUserPwdLevel, d.present[f] = PasswordLevel(v), ok
		return d.keep(err)
	}
	return d.intField(f)
}

// userFieldNamed returns the field of AccountSecurityPracticeUserInfo with
// this wire name, or numFields for another key.
func userFieldNamed(key []byte) Field {
	for f := Field(0); f < FieldScore; f++ {
		if string(key) == fieldNames[f] {
			return f
		}
	}
	return numFields
}

// intField reads a counter or the score.
func (d *reportDecoder) intField(f Field) error {
	v, ok, err := d.s.intValue(f.String())
	*d.rep.intRef(f), d.present[f] = v, ok
	return d.keep(err)
}
