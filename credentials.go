package ram

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/aliyun/credentials-go/credentials"
)

// ErrNoCredentials is wrapped by the error of a call that found no
// credentials; the error text says what to set.
var ErrNoCredentials = errors.New("no credentials found")

// ErrCredentialProvider is wrapped by the error of a call whose credential
// provider (see WithCredential) failed.
var ErrCredentialProvider = errors.New("the credential provider failed")

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

// providerError hides a credential provider's message, which may quote a
// configuration file or a response holding secrets, from the error text;
// errors.Unwrap still returns it.
type providerError struct{ err error }

func (e *providerError) Error() string {
	return ErrCredentialProvider.Error() + " (its message is withheld from this text because it may quote secrets; errors.Unwrap returns it)"
}

// Is makes errors.Is(err, ErrCredentialProvider) true.
func (e *providerError) Is(target error) bool { return target == ErrCredentialProvider }

func (e *providerError) Unwrap() error { return e.err }

// chainSource asks a credentials-go Credential. One fetch runs at a time and
// its result is shared by the callers waiting for it; each caller stops
// waiting when its context ends, since providers may call the network and
// take no context.
type chainSource struct {
	mu           sync.Mutex
	cred         credentials.Credential
	defaultChain bool
	inflight     *credentialFetch
	waiting      atomic.Int32 // callers waiting for a fetch
}

// credentialFetch is one call of the provider.
type credentialFetch struct {
	done chan struct{}
	key  accessKey
	err  error
}

func (s *chainSource) retrieve(ctx context.Context) (accessKey, error) {
	if err := ctx.Err(); err != nil {
		return accessKey{}, err
	}
	s.mu.Lock()
	f := s.inflight
	if f == nil {
		f = &credentialFetch{done: make(chan struct{})}
		s.inflight = f
		go s.fetch(f, s.cred)
	}
	s.mu.Unlock()
	s.waiting.Add(1)
	defer s.waiting.Add(-1)
	select {
	case <-f.done:
		return f.key, f.err
	case <-ctx.Done():
		return accessKey{}, ctx.Err()
	}
}

// fetch asks the provider once and publishes the result to f.
func (s *chainSource) fetch(f *credentialFetch, cred credentials.Credential) {
	m, err := cred.GetCredential()
	switch {
	case err != nil && s.defaultChain:
		f.err = fmt.Errorf("%w: %s: %w", ErrNoCredentials, noCredentialsHelp, &providerError{err})
	case err != nil:
		f.err = fmt.Errorf("getting credentials: %w", &providerError{err})
	case m == nil || m.AccessKeyId == nil || m.AccessKeySecret == nil || *m.AccessKeyId == "" || *m.AccessKeySecret == "":
		f.err = fmt.Errorf("%w: the credential provider returned no AccessKey pair", ErrNoCredentials)
	default:
		f.key = accessKey{id: *m.AccessKeyId, secret: *m.AccessKeySecret}
		if m.SecurityToken != nil {
			f.key.token = *m.SecurityToken
		}
	}
	s.mu.Lock()
	s.inflight = nil
	if err != nil && s.defaultChain {
		// The default chain remembers the provider it tried last even when
		// all failed; a fresh chain looks at every source again next time.
		if fresh, ferr := credentials.NewCredential(nil); ferr == nil {
			s.cred = fresh
		}
	}
	s.mu.Unlock()
	close(f.done)
}
