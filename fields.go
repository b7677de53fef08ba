package ram

// Field names one documented value of the report that the service may leave
// out of a response.
type Field uint8

// The documented report values, in the order of the API reference.
const (
	FieldUnusedAkNum Field = iota
	FieldSubUserWithUnusedAccessKey
	FieldRootWithAccessKey
	FieldSubUser
	FieldBindMFA
	FieldOldAkNum
	FieldSubUserPwdLevel
	FieldSubUserWithOldAccessKey
	FieldSubUserBindMFA
	FieldScore
	numFields
)

var fieldNames = [numFields]string{
	"UnusedAkNum",
	"SubUserWithUnusedAccessKey",
	"RootWithAccessKey",
	"SubUser",
	"BindMfa",
	"OldAkNum",
	"SubUserPwdLevel",
	"SubUserWithOldAccessKey",
	"SubUserBindMfa",
	"Score",
}

// Fields returns every documented report value, in API reference order.
func Fields() []Field {
	fs := make([]Field, numFields)
	for i := range fs {
		fs[i] = Field(i)
	}
	return fs
}

// Name returns the field's name on the wire, such as "RootWithAccessKey".
func (f Field) Name() string {
	if f >= numFields {
		return "Field(invalid)"
	}
	return fieldNames[f]
}

// fieldPaths are the JSON paths of the fields in the response.
var fieldPaths = func() (p [numFields]string) {
	for f := range numFields {
		p[f] = "AccountSecurityPracticeInfo.AccountSecurityPracticeUserInfo." + fieldNames[f]
	}
	p[FieldScore] = "AccountSecurityPracticeInfo.Score"
	return p
}()

// String returns the field's JSON path in the response, such as
// "AccountSecurityPracticeInfo.AccountSecurityPracticeUserInfo.RootWithAccessKey".
func (f Field) String() string {
	if f >= numFields {
		return f.Name()
	}
	return fieldPaths[f]
}

// fieldSet is a set of fields, one bit each.
type fieldSet uint16

func (s fieldSet) has(f Field) bool { return f < numFields && s&(1<<f) != 0 }

func (s *fieldSet) add(f Field) {
	if f < numFields {
		*s |= 1 << f
	}
}

// Missing returns the documented fields the response did not carry, in API
// reference order; it is empty for a complete report.
func (r *Report) Missing() []Field {
	var fs []Field
	for f := Field(0); f < numFields; f++ {
		if r.missing.has(f) {
			fs = append(fs, f)
		}
	}
	return fs
}

// Has reports whether the response carried field f. A report built in Go has
// every field unless [Report.SetMissing] says otherwise.
func (r *Report) Has(f Field) bool {
	return f < numFields && !r.missing.has(f)
}

// SetMissing marks fields as absent, as if the service had left them out,
// and sets their values to zero, as a decoded report reads. It is meant for
// building reports in tests.
func (r *Report) SetMissing(fields ...Field) {
	u := &r.AccountSecurityPracticeInfo.UserInfo
	for _, f := range fields {
		r.missing.add(f)
		switch p := r.intRef(f); {
		case p != nil:
			*p = 0
		case f == FieldBindMFA:
			u.BindMFA = false
		case f == FieldSubUserPwdLevel:
			u.SubUserPwdLevel = ""
		}
	}
}

// Value returns the value of field f: an int for the counters and the
// score, a bool for BindMFA, a PasswordLevel for SubUserPwdLevel, and nil
// for a field the response did not carry.
func (r *Report) Value(f Field) any {
	if !r.Has(f) {
		return nil
	}
	if p := r.intRef(f); p != nil {
		return *p
	}
	if f == FieldBindMFA {
		return r.AccountSecurityPracticeInfo.UserInfo.BindMFA
	}
	return r.AccountSecurityPracticeInfo.UserInfo.SubUserPwdLevel
}

// intField returns the value of an integer field, 0 for the others.
func (r *Report) intField(f Field) int {
	if p := r.intRef(f); p != nil {
		return *p
	}
	return 0
}

// intRef returns the address of an integer field, nil for the others.
func (r *Report) intRef(f Field) *int {
	info := &r.AccountSecurityPracticeInfo
	u := &info.UserInfo
	switch f {
	case FieldUnusedAkNum:
		return &u.UnusedAkNum
	case FieldSubUserWithUnusedAccessKey:
		return &u.SubUserWithUnusedAccessKey
	case FieldRootWithAccessKey:
		return &u.RootWithAccessKey
	case FieldSubUser:
		return &u.SubUser
	case FieldOldAkNum:
		return &u.OldAkNum
	case FieldSubUserWithOldAccessKey:
		return &u.SubUserWithOldAccessKey
	case FieldSubUserBindMFA:
		return &u.SubUserBindMFA
	case FieldScore:
		return &info.Score
	}
	return nil
}
