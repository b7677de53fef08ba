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
		switch f {
		case FieldUnusedAkNum:
			u.UnusedAkNum = 0
		case FieldSubUserWithUnusedAccessKey:
			u.SubUserWithUnusedAccessKey = 0
		case FieldRootWithAccessKey:
			u.RootWithAccessKey = 0
		case FieldSubUser:
			u.SubUser = 0
		case FieldBindMFA:
			u.BindMFA = false
		case FieldOldAkNum:
			u.OldAkNum = 0
		case FieldSubUserPwdLevel:
			u.SubUserPwdLevel = ""
		case FieldSubUserWithOldAccessKey:
			u.SubUserWithOldAccessKey = 0
		case FieldSubUserBindMFA:
			u.SubUserBindMFA = 0
		case FieldScore:
			r.AccountSecurityPracticeInfo.Score = 0
		}
	}
}
