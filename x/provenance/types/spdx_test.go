package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestValidateLicense(t *testing.T) {
	good := []string{
		"MIT", "Apache-2.0", "CC-BY-4.0", "CC0-1.0", "LicenseRef-acme-internal", "GPL-2.0-or-later",
		"MIT OR Apache-2.0", "(MIT OR Apache-2.0) AND CC-BY-4.0", "GPL-2.0-only WITH Classpath-exception-2.0",
		"LGPL-2.1+", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", "((MIT))",
	}
	for _, s := range good {
		require.NoError(t, types.ValidateLicense(s), s)
	}
	bad := []string{
		"", "Apache 2", "apache-2.0", "MIT-ish", "MIT OR", "OR MIT", "(MIT", "MIT)", "MIT and Apache-2.0",
		"LicenseRef-", "LicenseRef-a_b", "MIT WITH", "DocumentRef-x", "MIT  OR  ()", "GPL",
	}
	for _, s := range bad {
		require.ErrorIs(t, types.ValidateLicense(s), types.ErrInvalidLicense, s)
	}
}
