package ram

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// signatureVectors mirrors testdata/signature-v3.json, a copy of the
// published vectors in the project's shared reference data.
type signatureVectors struct {
	Vectors []struct {
		Name                   string            `json:"name"`
		AccessKeyID            string            `json:"access_key_id"`
		AccessKeySecret        string            `json:"access_key_secret"`
		Method                 string            `json:"method"`
		Path                   string            `json:"path"`
		Query                  map[string]string `json:"query"`
		Headers                [][2]string       `json:"headers"`
		Body                   *string           `json:"body"`
		PayloadHash            string            `json:"payload_hash"`
		CanonicalRequest       string            `json:"canonical_request"`
		HashedCanonicalRequest string            `json:"hashed_canonical_request"`
		Signature              string            `json:"signature"`
		Authorization          string            `json:"authorization"`
	} `json:"vectors"`
	Checks struct {
		SHA256HexOfTest string `json:"sha256_hex_of_test"`
		PercentEncode   struct {
			In  string `json:"in"`
			Out string `json:"out"`
		} `json:"percent_encode"`
	} `json:"checks"`
}

func loadSignatureVectors(t *testing.T) signatureVectors {
	t.Helper()
	raw, err := os.ReadFile("testdata/signature-v3.json")
	require.NoError(t, err)
	var v signatureVectors
	require.NoError(t, json.Unmarshal(raw, &v))
	require.Len(t, v.Vectors, 4, "every published vector is loaded")
	return v
}

func TestSignerVectors(t *testing.T) {
	v := loadSignatureVectors(t)
	for _, vec := range v.Vectors {
		t.Run(vec.Name, func(t *testing.T) {
			header := http.Header{}
			for _, kv := range vec.Headers {
				// Keep the names as sent: merging case variants is the signer's job.
				header[kv[0]] = append(header[kv[0]], kv[1])
			}
			query := url.Values{}
			for k, val := range vec.Query {
				query.Set(k, val)
			}
			payloadHash := vec.PayloadHash
			if vec.Body != nil {
				payloadHash = HashPayload([]byte(*vec.Body))
			}
			require.NotEmpty(t, payloadHash)

			canonical, signed := CanonicalRequest(vec.Method, vec.Path, query, header, payloadHash)
			if vec.CanonicalRequest != "" {
				assert.Equal(t, vec.CanonicalRequest, canonical)
			}
			sts := StringToSign(canonical)
			if vec.HashedCanonicalRequest != "" {
				assert.Equal(t, SignatureAlgorithm+"\n"+vec.HashedCanonicalRequest, sts)
			}
			sig := Signature(vec.AccessKeySecret, sts)
			if vec.Signature != "" {
				assert.Equal(t, vec.Signature, sig)
			}
			if vec.Authorization != "" {
				assert.Equal(t, vec.Authorization, Authorization(vec.AccessKeyID, signed, sig))
			}
			assert.True(t, vec.Signature != "" || vec.Authorization != "", "vector checks a signature")
		})
	}
}

func TestSignerChecks(t *testing.T) {
	v := loadSignatureVectors(t)
	sum := sha256.Sum256([]byte("test"))
	assert.Equal(t, v.Checks.SHA256HexOfTest, hex.EncodeToString(sum[:]))
	assert.Equal(t, v.Checks.SHA256HexOfTest, HashPayload([]byte("test")))
	assert.Equal(t, v.Checks.PercentEncode.Out, percentEncode(v.Checks.PercentEncode.In))
	assert.Equal(t, EmptyPayloadHash, HashPayload(nil))
}

func TestCanonicalQueryAndPath(t *testing.T) {
	assert.Equal(t, "", canonicalQuery(nil))
	assert.Equal(t, "a=1&a=2&b%20c=%2F", canonicalQuery(url.Values{"b c": {"/"}, "a": {"2", "1"}}))
	assert.Equal(t, "/a%20b/c", encodePath("/a b/c"))
	canonical, signed := CanonicalRequest("POST", "", nil, http.Header{"X-Acs-B": {" 2 "}, "host": {"h"}}, EmptyPayloadHash)
	assert.Equal(t, "POST\n/\n\nhost:h\nx-acs-b:2\n\nhost;x-acs-b\n"+EmptyPayloadHash, canonical)
	assert.Equal(t, "host;x-acs-b", signed)
}

// TestVectorsMatchTheSharedReference keeps testdata/ equal to the shared
// reference data where it is checked out beside the project.
func TestVectorsMatchTheSharedReference(t *testing.T) {
	for _, name := range []string{"signature-v3.json", "report-example.json"} {
		shared, err := os.ReadFile("../shared/testdata/" + name)
		if os.IsNotExist(err) {
			t.Skip("the shared reference data is not checked out here")
		}
		require.NoError(t, err)
		ours, err := os.ReadFile("testdata/" + name)
		require.NoError(t, err)
		assert.Equal(t, string(shared), string(ours), name)
	}
}
