package ram

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"time"
)

// dateLayout is the x-acs-date format: ISO 8601 in UTC.
const dateLayout = "2006-01-02T15:04:05Z"

// signRequest sets the signed x-acs headers and the Authorization header of
// a GetAccountSecurityPracticeReport request, signed at now with nonce.
func signRequest(req *http.Request, key accessKey, now time.Time, nonce string) {
	h := http.Header{
		"Host":                  {req.Host},
		"X-Acs-Action":          {Action},
		"X-Acs-Version":         {APIVersion},
		"X-Acs-Date":            {now.UTC().Format(dateLayout)},
		"X-Acs-Signature-Nonce": {nonce},
		"X-Acs-Content-Sha256":  {EmptyPayloadHash},
	}
	if key.token != "" {
		// As the official OpenAPI stack does, STS requests also name the
		// AccessKey ID in a signed header.
		h["X-Acs-Accesskey-Id"] = []string{key.id}
		h["X-Acs-Security-Token"] = []string{key.token}
	}
	canonical, signed := CanonicalRequest(http.MethodPost, "/", nil, h, EmptyPayloadHash)
	sig := Signature(key.secret, StringToSign(canonical))
	delete(h, "Host")
	for name, v := range h {
		req.Header[name] = v
	}
	req.Header.Set("Authorization", Authorization(key.id, signed, sig))
}

// newNonce returns 16 random bytes in hex, unique per request.
func newNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}
