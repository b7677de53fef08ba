package findings

import (
	"fmt"

	"github.com/seed-d76936c4/ram"
)

// check is one rule over the report.
type check struct {
	id, title   string
	severity    Severity
	cis         string
	remediation string
	fix         string
	fields      []ram.Field
	// eval decides the status; it runs only when every field is present
	// and no count is negative.
	eval func(r *ram.Report) (Status, string)
}

// counting makes c the check that fails when field f counts anything; one
// and many name what is counted.
func counting(c check, f ram.Field, one, many string) check {
	c.fields = []ram.Field{f}
	c.eval = func(r *ram.Report) (Status, string) {
		n, _ := r.Value(f).(int)
		return countStatus(n, one, many)
	}
	return c
}

// keysFix lists the aliyun CLI steps that retire a RAM user's AccessKey,
// and rotateFix those that replace it.
const (
	keysFix = "aliyun ram ListAccessKeys --UserName <user>; " +
		"aliyun ram UpdateAccessKey --UserName <user> --UserAccessKeyId <id> --Status Inactive; " +
		"aliyun ram DeleteAccessKey --UserName <user> --UserAccessKeyId <id>"
	rotateFix = "aliyun ram CreateAccessKey --UserName <user>; then " + keysFix + " (the old key)"
)

// checks are evaluated in this order; IDs never change meaning.
var checks = []check{
	{
		id: "ROOT_ACCESS_KEY", title: "No AccessKey for the root account", severity: Critical, cis: "1.2",
		remediation: "Move programs to RAM users or roles with least privilege, then disable and delete the root account's AccessKeys.",
		fix:         "Console: log on as the root account, account menu > AccessKey > Security Management: Disable, then Delete",
		fields:      []ram.Field{ram.FieldRootWithAccessKey},
		eval: func(r *ram.Report) (Status, string) {
			u := r.AccountSecurityPracticeInfo.UserInfo
			if u.RootWithAccessKey > 0 {
				return StatusFail, fmt.Sprintf("the root account has %s", count(u.RootWithAccessKey, "AccessKey", "AccessKeys"))
			}
			return StatusPass, "the root account has no AccessKey"
		},
	},
	{
		id: "ROOT_MFA", title: "MFA on the root account", severity: Critical, cis: "1.3",
		remediation: "Bind an MFA device to the root account, so that its password alone cannot log on.",
		fix:         "Console: log on as the root account, account menu > Security Settings > Account Protection (MFA); the aliyun CLI cannot do this",
		fields:      []ram.Field{ram.FieldBindMFA},
		eval: func(r *ram.Report) (Status, string) {
			u := r.AccountSecurityPracticeInfo.UserInfo
			if !u.BindMFA {
				return StatusFail, "the root account has no MFA device"
			}
			return StatusPass, "the root account has an MFA device"
		},
	},
	{
		id: "RAM_USER_MFA", title: "MFA on every RAM user", severity: High, cis: "1.4",
		remediation: "Require each RAM user that can log on to the console to bind an MFA device at the next logon.",
		fix:         "aliyun ram UpdateLoginProfile --UserName <user> --MFABindRequired true",
		fields:      []ram.Field{ram.FieldSubUser, ram.FieldSubUserBindMFA},
		eval: func(r *ram.Report) (Status, string) {
			u := r.AccountSecurityPracticeInfo.UserInfo
			switch {
			case u.SubUserBindMFA > u.SubUser:
				return StatusUnknown, fmt.Sprintf("the report counts %d RAM users with MFA but only %s", u.SubUserBindMFA, count(u.SubUser, "RAM user", "RAM users"))
			case u.SubUser == 0:
				return StatusPass, "there are no RAM users"
			case u.SubUserBindMFA >= u.SubUser:
				return StatusPass, fmt.Sprintf("all %s have MFA", count(u.SubUser, "RAM user", "RAM users"))
			}
			return StatusFail, fmt.Sprintf("%d of %s have no MFA device", u.SubUser-u.SubUserBindMFA, count(u.SubUser, "RAM user", "RAM users"))
		},
	},
	counting(check{
		id: "UNUSED_ACCESS_KEYS", title: "No unused AccessKeys", severity: Medium,
		remediation: "Disable, then delete, AccessKeys that nothing uses.",
		fix:         keysFix,
	}, ram.FieldUnusedAkNum, "unused AccessKey", "unused AccessKeys"),
	counting(check{
		id: "RAM_USERS_UNUSED_ACCESS_KEYS", title: "No RAM user with unused AccessKeys", severity: Medium,
		remediation: "For each RAM user listed in the RAM console's security report, disable, then delete, the AccessKeys it does not use.",
		fix:         keysFix,
	}, ram.FieldSubUserWithUnusedAccessKey, "RAM user with unused AccessKeys", "RAM users with unused AccessKeys"),
	counting(check{
		id: "OLD_ACCESS_KEYS", title: "No AccessKeys left unrotated", severity: High, cis: "1.6",
		remediation: "Rotate AccessKeys every 90 days or less: create a new key, move the programs to it, disable and delete the old one.",
		fix:         rotateFix,
	}, ram.FieldOldAkNum, "AccessKey not rotated for a long time", "AccessKeys not rotated for a long time"),
	counting(check{
		id: "RAM_USERS_OLD_ACCESS_KEYS", title: "No RAM user with unrotated AccessKeys", severity: High, cis: "1.6",
		remediation: "For each RAM user with an old AccessKey, create a new key, move its programs to it, disable and delete the old one.",
		fix:         rotateFix,
	}, ram.FieldSubUserWithOldAccessKey, "RAM user with unrotated AccessKeys", "RAM users with unrotated AccessKeys"),
	{
		id: "PASSWORD_POLICY", title: "Strong RAM user password policy", severity: Medium, cis: "1.7-1.14",
		remediation: "Require at least 14 characters with upper- and lower-case letters, digits and symbols, prevent reuse, expire passwords in 90 days and lock out after 5 failed logons.",
		// The values follow CIS v1.0.0 (1.7-1.14); MaxLoginAttemps is the
		// API's own spelling.
		fix: "aliyun ram SetPasswordPolicy --MinimumPasswordLength 14 --RequireUppercaseCharacters true --RequireLowercaseCharacters true " +
			"--RequireNumbers true --RequireSymbols true --PasswordReusePrevention 5 --MaxPasswordAge 90 --MaxLoginAttemps 5",
		fields: []ram.Field{ram.FieldSubUserPwdLevel},
		eval: func(r *ram.Report) (Status, string) {
			u := r.AccountSecurityPracticeInfo.UserInfo
			switch u.SubUserPwdLevel {
			case ram.PasswordLevelHigh:
				return StatusPass, "the password policy is rated high"
			case ram.PasswordLevelMid:
				return StatusWarn, "the password policy is rated mid"
			case ram.PasswordLevelLow:
				return StatusFail, "the password policy is rated low"
			}
			return StatusUnknown, fmt.Sprintf("the password policy is rated %q, a level this version does not know", u.SubUserPwdLevel)
		},
	},
}

// countStatus fails when n things were counted.
func countStatus(n int, one, many string) (Status, string) {
	if n > 0 {
		return StatusFail, "the account has " + count(n, one, many)
	}
	return StatusPass, "the account has no " + many
}

// count writes "1 AccessKey" or "2 AccessKeys".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
