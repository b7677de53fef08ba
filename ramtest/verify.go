package ramtest

import (
	"crypto/hmac"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/seed-d76936c4/ram"
)

// maxNonces is how many nonces the server holds before it forgets the
// expired ones.
const maxNonces = 10000

// maxClockSkew is how far x-acs-date may be from the server's clock.
const maxClockSkew = 15 * time.Minute

// requiredSigned are the headers every signature must cover.
var requiredSigned = []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}

// authInfo is what the Authorization header named.
type authInfo struct {
	accessKeyID   string
	signedHeaders []string
	signature     string
}

// verify checks the action, version and signature of a request as the
// service does, and returns the fault to answer with, or nil.
//
// The caller holds s.mu; now is the server's clock.
func (s *Server) verify(r *http.Request, body []byte, now time.Time) (authInfo, *Fault) {
	auth, ok := parseAuthorization(r.Header.Get("Authorization"))
	if !ok {
		return auth, &Fault{Code: "IncompleteSignature"}
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return auth, &Fault{Code: "InvalidAction.NotFound"}
	}
	if r.Header.Get("x-acs-action") != ram.Action {
		return auth, &Fault{Code: "InvalidAction.NotFound"}
	}
	if r.Header.Get("x-acs-version") != ram.APIVersion {
		return auth, &Fault{Code: "InvalidVersion"}
	}
	for _, name := range requiredSigned {
		if !slices.Contains(auth.signedHeaders, name) {
			return auth, &Fault{Code: "IncompleteSignature", Message: "The signature does not cover the " + name + " header."}
		}
	}
	k, ok := s.keys[auth.accessKeyID]
	if !ok {
		return auth, &Fault{Code: "InvalidAccessKeyId.NotFound"}
	}
	signed := http.Header{}
	for _, name := range auth.signedHeaders {
		vs := r.Header.Values(name)
		if name == "host" {
			vs = []string{r.Host}
		}
		if len(vs) == 0 {
			return auth, &Fault{Code: "IncompleteSignature", Message: "The signed header " + name + " is missing."}
		}
		signed[name] = vs
	}
	payloadHash := r.Header.Get("x-acs-content-sha256")
	canonical, _ := ram.CanonicalRequest(r.Method, r.URL.Path, r.URL.Query(), signed, payloadHash)
	want := ram.Signature(k.secret, ram.StringToSign(canonical))
	if payloadHash != ram.HashPayload(body) || !hmac.Equal([]byte(want), []byte(auth.signature)) {
		return auth, &Fault{Code: "SignatureDoesNotMatch"}
	}
	if k.token != "" && (!slices.Contains(auth.signedHeaders, "x-acs-security-token") ||
		r.Header.Get("x-acs-security-token") != k.token) {
		return auth, &Fault{Code: "InvalidSecurityToken.MismatchWithAccessKey"}
	}
	date, err := time.Parse("2006-01-02T15:04:05Z", r.Header.Get("x-acs-date"))
	if err != nil {
		return auth, &Fault{Code: "InvalidTimeStamp.Format"}
	}
	if skew := now.Sub(date); skew > maxClockSkew || skew < -maxClockSkew {
		return auth, &Fault{Code: "InvalidTimeStamp.Expired"}
	}
	if s.nonceUsed(r.Header.Get("x-acs-signature-nonce"), now) {
		return auth, &Fault{Code: "SignatureNonceUsed"}
	}
	return auth, nil
}

// parseAuthorization splits
// "ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=hex".
func parseAuthorization(v string) (authInfo, bool) {
	var a authInfo
	rest, ok := strings.CutPrefix(v, ram.SignatureAlgorithm+" ")
	if !ok {
		return a, false
	}
	for part := range strings.SplitSeq(rest, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch name {
		case "Credential":
			a.accessKeyID = value
		case "SignedHeaders":
			a.signedHeaders = strings.Split(value, ";")
		case "Signature":
			a.signature = value
		}
	}
	return a, a.accessKeyID != "" && len(a.signedHeaders) > 0 && a.signature != ""
}

// nonceUsed reports whether nonce was seen within the accepted clock skew,
// and remembers it. The caller holds s.mu.
func (s *Server) nonceUsed(nonce string, now time.Time) bool {
	if seen, ok := s.nonces[nonce]; ok && now.Sub(seen) < 2*maxClockSkew {
		return true
	}
	if len(s.nonces) >= maxNonces {
		for n, seen := range s.nonces {
			if now.Sub(seen) >= 2*maxClockSkew {
				delete(s.nonces, n)
			}
		}
		// Still full: forget arbitrary half, so that the work stays bounded.
		for n := range s.nonces {
			if len(s.nonces) < maxNonces/2 {
				break
			}
			delete(s.nonces, n)
		}
	}
	s.nonces[nonce] = now
	return false
}
