// Package ram reads the security report of an Alibaba Cloud account: the
// GetAccountSecurityPracticeReport API of RAM/IMS (API version 2019-08-15).
//
// Build a Client once and share it; every call takes a context:
//
//	client, err := ram.NewClient() // credentials from the default chain
//	if err != nil { ... }
//	rep, err := client.GetAccountSecurityPracticeReport(ctx)
//	if err != nil { ... }
//	fmt.Println(rep.AccountSecurityPracticeInfo.Score)
//
// # Credentials
//
// Without a credential option the client reads the default chain of
// github.com/aliyun/credentials-go before each call: the environment
// variables ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and
// ALIBABA_CLOUD_SECURITY_TOKEN, OIDC (RRSA), the profile files, then the ECS
// RAM role. [WithAccessKey], [WithSTSToken] and [WithCredential] choose
// others. Secrets never appear in errors or in printed values.
//
// # Retries
//
// Throttling, server errors and broken connections are retried (3 attempts
// in all by default) with full-jitter backoff, honouring the service's
// x-acs-retry-after, within the caller's deadline and a client-wide retry
// budget; see [RetryPolicy] and [RetryBudget]. A used nonce and a refused
// timestamp (a skewed local clock) are corrected once.
//
// # Errors
//
// A failed call returns a [*CallError] that says how many attempts were
// made and wraps the last one's error. An error answer of the service is an
// [*APIError], found with errors.As; it carries the HTTP status, the error
// code and the request ID.
// [IsThrottling], [IsAuthentication], [IsPermission] and [IsServerError]
// classify it. A success body that is not a valid report is a
// [*ResponseError].
//
// # Missing fields
//
// A documented value the service left out reads as zero, but
// [Report.Missing] and [Report.Has] tell that it was absent, so that "no
// root AccessKey" is never read from a response that did not say.
//
// # Testing
//
// Package ramtest runs a fake endpoint that checks signatures like the real
// service and answers with the report or the errors a test sets.
package ram
