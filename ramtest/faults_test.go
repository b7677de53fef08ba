package ramtest_test

import (
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram/ramtest"
)

func TestNoncesAreRemembered(t *testing.T) {
	srv := start(t)
	now := time.Now()
	fixed := func(h http.Header) { h.Set("X-Acs-Signature-Nonce", "reused-nonce") }
	resp, _ := send(t, signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now, fixed))
	assert.Equal(t, 200, resp.StatusCode)
	resp, body := send(t, signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now, fixed))
	assert.Equal(t, 400, resp.StatusCode)
	assert.Equal(t, "SignatureNonceUsed", body.Code)
}

func TestClockSkew(t *testing.T) {
	srv := start(t)
	srv.SetClockSkew(20 * time.Minute)
	resp, body := send(t, signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, time.Now(), nil))
	assert.Equal(t, "InvalidTimeStamp.Expired", body.Code)
	date, err := http.ParseTime(resp.Header.Get("Date"))
	require.NoError(t, err)
	assert.InDelta(t, (20 * time.Minute).Seconds(), time.Until(date).Seconds(), 5, "Date is the server's clock")

	resp, _ = send(t, signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, time.Now().Add(20*time.Minute), nil))
	assert.Equal(t, 200, resp.StatusCode, "a request signed on the server's clock passes")
}

func TestFailRandomly(t *testing.T) {
	srv := start(t)
	srv.FailRandomly(0.5, ramtest.Fault{Code: "Throttling.User"})
	failed := 0
	for range 200 {
		resp, _ := send(t, signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, time.Now(), nil))
		if resp.StatusCode != 200 {
			failed++
		}
	}
	assert.InDelta(t, 100, failed, 40)

	srv.FailRandomly(0, ramtest.Fault{})
	for range 20 {
		resp, _ := send(t, signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, time.Now(), nil))
		assert.Equal(t, 200, resp.StatusCode)
	}
}

func TestFaultShapes(t *testing.T) {
	srv := start(t)
	srv.FailNext(1, ramtest.Fault{Redirect: "https://elsewhere.example/"})
	req := signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, time.Now(), nil)
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusFound, resp.StatusCode)
	assert.Equal(t, "https://elsewhere.example/", resp.Header.Get("Location"))

	srv.FailNext(1, ramtest.Fault{Reset: true})
	_, err = (&http.Client{Transport: &http.Transport{}}).Do(signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, time.Now(), nil))
	assert.ErrorIs(t, err, syscall.ECONNRESET, "the connection is reset")

	srv.FailNext(1, ramtest.Fault{Delay: 100 * time.Millisecond})
	start := time.Now()
	resp, _ = send(t, signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, time.Now(), nil))
	assert.Equal(t, 200, resp.StatusCode, "a delay alone answers late with the report")
	assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond)

	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "connection reset", reqs[1].Code)
}
