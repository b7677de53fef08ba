package ram

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRootImportsNoOfficialSDK keeps the official OpenAPI client and tea out
// of the root package: only programs that import package openapi link them.
func TestRootImportsNoOfficialSDK(t *testing.T) {
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	checked := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			assert.NotContains(t, path, "darabonba", name)
			assert.NotContains(t, path, "alibabacloud-go/tea", name)
		}
		checked++
	}
	assert.Greater(t, checked, 10)
}
