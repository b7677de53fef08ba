package ram

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// SignatureAlgorithm is the name of the signature version 3 algorithm.
const SignatureAlgorithm = "ACS3-HMAC-SHA256"

// EmptyPayloadHash is the hex SHA-256 of an empty request body, the
// x-acs-content-sha256 value of every GetAccountSecurityPracticeReport call.
const EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// CanonicalRequest builds the canonical request of signature version 3 and
// the list of signed header names it covers.
//
// Every header in header is signed: names are lower-cased, names that differ
// only in case are merged, values are trimmed, sorted and joined with ",".
// An empty path is signed as "/". payloadHash is the hex SHA-256 of the body.
func CanonicalRequest(method, path string, query url.Values, header http.Header, payloadHash string) (canonical, signedHeaders string) {
	if path == "" {
		path = "/"
	}
	names, values := canonicalHeaders(header)
	signedHeaders = strings.Join(names, ";")

	var b strings.Builder
	b.Grow(256 + len(payloadHash))
	b.WriteString(method)
	b.WriteByte('\n')
	b.WriteString(encodePath(path))
	b.WriteByte('\n')
	b.WriteString(canonicalQuery(query))
	b.WriteByte('\n')
	for i, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(values[i])
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(signedHeaders)
	b.WriteByte('\n')
	b.WriteString(payloadHash)
	return b.String(), signedHeaders
}

// StringToSign returns the string to sign for a canonical request: the
// algorithm name, a newline and the hex SHA-256 of the canonical request.
func StringToSign(canonicalRequest string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	return SignatureAlgorithm + "\n" + hex.EncodeToString(sum[:])
}

// Signature returns the hex HMAC-SHA256 of stringToSign keyed with the
// AccessKey secret.
func Signature(accessKeySecret, stringToSign string) string {
	mac := hmac.New(sha256.New, []byte(accessKeySecret))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

// Authorization returns the value of the Authorization header for a signed
// request.
func Authorization(accessKeyID, signedHeaders, signature string) string {
	return SignatureAlgorithm + " Credential=" + accessKeyID +
		",SignedHeaders=" + signedHeaders + ",Signature=" + signature
}

// HashPayload returns the hex SHA-256 of a request body.
func HashPayload(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// canonicalHeaders returns the sorted lower-case header names and, for each,
// its trimmed values sorted and joined with ",".
func canonicalHeaders(header http.Header) (names, values []string) {
	merged := make(map[string][]string, len(header))
	for name, vs := range header {
		lower := strings.ToLower(strings.TrimSpace(name))
		for _, v := range vs {
			merged[lower] = append(merged[lower], strings.TrimSpace(v))
		}
	}
	names = make([]string, 0, len(merged))
	for name := range merged {
		names = append(names, name)
	}
	sort.Strings(names)
	values = make([]string, len(names))
	for i, name := range names {
		vs := merged[name]
		sort.Strings(vs)
		values[i] = strings.Join(vs, ",")
	}
	return names, values
}

// canonicalQuery encodes query parameters sorted by encoded name.
func canonicalQuery(query url.Values) string {
	if len(query) == 0 {
		return ""
	}
	pairs := make([]string, 0, len(query))
	for name, vs := range query {
		key := percentEncode(name) + "="
		if len(vs) == 0 {
			pairs = append(pairs, key)
		}
		for _, v := range vs {
			pairs = append(pairs, key+percentEncode(v))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

// encodePath percent-encodes each segment of a path, keeping the slashes.
func encodePath(path string) string {
	segments := strings.Split(path, "/")
	for i, s := range segments {
		segments[i] = percentEncode(s)
	}
	return strings.Join(segments, "/")
}

// percentEncode encodes every byte except the RFC 3986 unreserved
// characters (A-Z a-z 0-9 - _ . ~) as %XX with upper-case hex digits.
func percentEncode(s string) string {
	const upperHex = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', upperHex[c>>4], upperHex[c&15])
	}
	return string(b)
}

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}
