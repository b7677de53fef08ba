package ram_test

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

// isolateCredentialChain empties everything the default chain reads, so
// that it finds nothing and never reaches the network.
func isolateCredentialChain(t *testing.T) {
	t.Helper()
	for _, name := range []string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE",
		"ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA",
	} {
		t.Setenv(name, "")
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("HOME", t.TempDir())
}

func TestNoCredentialsSaysWhatToSet(t *testing.T) {
	isolateCredentialChain(t)
	srv := startFake(t)
	c, err := ram.NewClient(ram.WithEndpoint(srv.URL))
	require.NoError(t, err, "credentials are looked up per call, not at NewClient")

	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	assert.ErrorIs(t, err, ram.ErrNoCredentials)
	for _, want := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
		"ALIBABA_CLOUD_SECURITY_TOKEN", "~/.aliyun/config.json", "~/.alibabacloud/credentials", "ECS"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, srv.Requests(), "nothing is sent unsigned")
}

func TestDefaultChainReadsTheEnvironment(t *testing.T) {
	isolateCredentialChain(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ramtest.AccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ramtest.AccessKeySecret)
	srv := startFake(t)
	c, err := ram.NewClient(ram.WithEndpoint(srv.URL))
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
}

// rotatingCredential hands out a different AccessKey on each call, as a
// RAM role does when its STS credentials are refreshed.
type rotatingCredential struct {
	credentials.Credential // methods not used by the client
	calls                  atomic.Int32
	keys                   [][2]string
	fail                   error
}

func (r *rotatingCredential) GetCredential() (*credentials.CredentialModel, error) {
	if r.fail != nil {
		return nil, r.fail
	}
	k := r.keys[int(r.calls.Add(1)-1)%len(r.keys)]
	return new(credentials.CredentialModel).SetAccessKeyId(k[0]).SetAccessKeySecret(k[1]), nil
}

func TestCredentialsAreFetchedPerAttempt(t *testing.T) {
	srv := startFake(t, ramtest.WithAccessKey("LTAIfirst", "s1"), ramtest.WithAccessKey("LTAIsecond", "s2"))
	cred := &rotatingCredential{keys: [][2]string{{"LTAIfirst", "s1"}, {"LTAIsecond", "s2"}}}
	c := fakeClient(t, srv, ram.WithCredential(cred))
	for range 2 {
		_, err := c.GetAccountSecurityPracticeReport(testContext(t))
		require.NoError(t, err)
	}
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "LTAIfirst", reqs[0].AccessKeyID)
	assert.Equal(t, "LTAIsecond", reqs[1].AccessKeyID)
}

func TestCredentialProviderFailure(t *testing.T) {
	srv := startFake(t)
	boom := errors.New("metadata service unreachable")
	c := fakeClient(t, srv, ram.WithCredential(&rotatingCredential{fail: boom}))
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	assert.ErrorIs(t, err, boom)
	assert.Contains(t, err.Error(), "getting credentials")

	empty := fakeClient(t, srv, ram.WithCredential(&rotatingCredential{keys: [][2]string{{"", ""}}}))
	_, err = empty.GetAccountSecurityPracticeReport(testContext(t))
	assert.ErrorIs(t, err, ram.ErrNoCredentials)
	assert.Empty(t, srv.Requests())
}

func TestProviderErrorsAreMarked(t *testing.T) {
	srv := startFake(t)
	c := fakeClient(t, srv, ram.WithCredential(&rotatingCredential{fail: errors.New("secret-bearing text")}))
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	assert.ErrorIs(t, err, ram.ErrCredentialProvider)
	assert.NotContains(t, err.Error(), "secret-bearing text")
}
