package ram

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aliyun/credentials-go/credentials"
)

// ErrNoCredentials is wrapped by the error of a call that found no
// credentials; the error text says what to set.
var ErrNoCredentials = errors.New("no credentials found")

// noCredentialsHelp lists, in the order the default chain reads them, the
// places credentials can come from.
const noCredentialsHelp = "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET " +
	"(and ALIBABA_CLOUD_SECURITY_TOKEN for STS); or ALIBABA_CLOUD_ROLE_ARN, " +
	"ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE for RRSA; " +
	"or a profile in ~/.aliyun/config.json (written by `aliyun configure`, chosen with ALIBABA_CLOUD_PROFILE) " +
	"or ~/.alibabacloud/credentials (ALIBABA_CLOUD_CREDENTIALS_FILE); " +
	"or run on ECS with a RAM role attached (ALIBABA_CLOUD_ECS_METADATA names it)"

// accessKey is one set of credentials for signing. It never prints its
// secret or token.
type accessKey struct {
	id, secret, token string
}

// Format prints the AccessKey ID only, whatever the verb.
func (k accessKey) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "accessKey{id: %s, secret: <redacted>, token: <redacted>}", k.id)
}

// credentialSource hands out the credentials for one attempt.
type credentialSource interface {
	retrieve(ctx context.Context) (accessKey, error)
}

// staticSource always returns the same credentials.
type staticSource struct{ key *accessKey }

func (s staticSource) retrieve(context.Context) (accessKey, error) { return *s.key, nil }

// chainSource asks a credentials-go Credential, one caller at a time (its
// default chain is not safe for concurrent use).
type chainSource struct {
	mu           sync.Mutex
	cred         credentials.Credential
	defaultChain bool
}

func (s *chainSource) retrieve(ctx context.Context) (accessKey, error) {
	if err := ctx.Err(); err != nil {
		return accessKey{}, err
	}
	s.mu.Lock()
	m, err := s.cred.GetCredential()
	s.mu.Unlock()
	switch {
	case err != nil && s.defaultChain:
		return accessKey{}, fmt.Errorf("%w: %s (default chain: %v)", ErrNoCredentials, noCredentialsHelp, err)
	case err != nil:
		return accessKey{}, fmt.Errorf("getting credentials: %w", err)
	case m == nil || m.AccessKeyId == nil || m.AccessKeySecret == nil || *m.AccessKeyId == "" || *m.AccessKeySecret == "":
		return accessKey{}, fmt.Errorf("%w: the credential provider returned no AccessKey pair", ErrNoCredentials)
	}
	k := accessKey{id: *m.AccessKeyId, secret: *m.AccessKeySecret}
	if m.SecurityToken != nil {
		k.token = *m.SecurityToken
	}
	return k, ctx.Err()
}
