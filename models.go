package ram

// Report is the response of GetAccountSecurityPracticeReport: the security
// report of an Alibaba Cloud account.
//
// A documented field the service left out reads as its zero value; use
// [Report.Missing] or [Report.Has] to tell "absent" from "zero" before acting
// on a value. Encoding a Report to JSON leaves absent fields out again.
type Report struct {
	// RequestID identifies the request on the service side; quote it when
	// asking Alibaba Cloud support about a call.
	RequestID string `json:"RequestId"`
	// AccountSecurityPracticeInfo holds the score and the counters.
	AccountSecurityPracticeInfo PracticeInfo `json:"AccountSecurityPracticeInfo"`

	missing fieldSet
}

// PracticeInfo is the account's security practice: the counters behind the
// score, and the score.
type PracticeInfo struct {
	// UserInfo holds the counters about the account and its RAM users.
	UserInfo UserInfo `json:"AccountSecurityPracticeUserInfo"`
	// Score is the account's security score.
	Score int `json:"Score"`
}

// UserInfo holds the counters of the security report. Field order follows
// the API reference.
type UserInfo struct {
	// UnusedAkNum is the number of AccessKeys that have not been used for a
	// long time.
	UnusedAkNum int `json:"UnusedAkNum"`
	// SubUserWithUnusedAccessKey is the number of RAM users with unused
	// AccessKeys.
	SubUserWithUnusedAccessKey int `json:"SubUserWithUnusedAccessKey"`
	// RootWithAccessKey is the number of AccessKeys of the Alibaba Cloud
	// account itself (the root identity).
	RootWithAccessKey int `json:"RootWithAccessKey"`
	// SubUser is the number of RAM users.
	SubUser int `json:"SubUser"`
	// BindMFA reports whether the Alibaba Cloud account has MFA enabled.
	BindMFA bool `json:"BindMfa"`
	// OldAkNum is the number of AccessKeys that have not been rotated for a
	// long time.
	OldAkNum int `json:"OldAkNum"`
	// SubUserPwdLevel is the strength of the RAM user password policy.
	SubUserPwdLevel PasswordLevel `json:"SubUserPwdLevel"`
	// SubUserWithOldAccessKey is the number of RAM users with AccessKeys that
	// have not been rotated for a long time.
	SubUserWithOldAccessKey int `json:"SubUserWithOldAccessKey"`
	// SubUserBindMFA is the number of RAM users with MFA enabled.
	SubUserBindMFA int `json:"SubUserBindMfa"`
}

// PasswordLevel is the strength of the RAM user password policy. A level the
// service adds later is kept as sent; [PasswordLevel.Known] tells whether it
// is one of the documented ones.
type PasswordLevel string

// The documented password policy levels.
const (
	PasswordLevelLow  PasswordLevel = "low"
	PasswordLevelMid  PasswordLevel = "mid"
	PasswordLevelHigh PasswordLevel = "high"
)

// Known reports whether l is one of the documented levels.
func (l PasswordLevel) Known() bool {
	return l == PasswordLevelLow || l == PasswordLevelMid || l == PasswordLevelHigh
}
