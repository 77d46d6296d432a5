package cards_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/client/cards"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestSPDXLicense(t *testing.T) {
	tests := []struct{ hub, name, want string }{
		{"apache-2.0", "", "Apache-2.0"},
		{"mit", "", "MIT"},
		{"cc-by-4.0", "", "CC-BY-4.0"},
		{"cc-by-sa-4.0", "", "CC-BY-SA-4.0"},
		{"cc-by-nc-4.0", "", "CC-BY-NC-4.0"},
		{"bsd-3-clause", "", "BSD-3-Clause"},
		{"gpl-3.0", "", "GPL-3.0-only"},
		{"odc-by", "", "ODC-By-1.0"},
		{"bsd", "", "LicenseRef-bsd"},
		{"llama2", "", "LicenseRef-llama2"},
		{"llama3.1", "", "LicenseRef-llama3.1"},
		{"gemma", "", "LicenseRef-gemma"},
		{"openrail", "", "LicenseRef-openrail"},
		{"openrail++", "", "LicenseRef-openrail-pp"},
		{"creativeml-openrail-m", "", "LicenseRef-creativeml-openrail-m"},
		{"other", "Acme Research License v2", "LicenseRef-Acme-Research-License-v2"},
		{"cc-by-nd-4.0", "", "CC-BY-ND-4.0"},
		{"cc0-1.0", "", "CC0-1.0"},
		{"bsd-2-clause", "", "BSD-2-Clause"},
		{"mpl-2.0", "", "MPL-2.0"},
		{"epl-2.0", "", "EPL-2.0"},
		{"isc", "", "ISC"},
		{"zlib", "", "Zlib"},
		{"artistic-2.0", "", "Artistic-2.0"},
		{"ofl-1.1", "", "OFL-1.1"},
		{"agpl-3.0", "", "AGPL-3.0-only"},
		{"gfdl", "", "GFDL-1.3-only"},
		{"odbl", "", "ODbL-1.0"},
		{"pddl", "", "PDDL-1.0"},
		{"wtfpl", "", "WTFPL"},
		{"unlicense", "", "Unlicense"},
		{"gpl", "", "LicenseRef-gpl"},
		{"llama3.3", "", "LicenseRef-llama3.3"},
		{"bigscience-openrail-m", "", "LicenseRef-bigscience-openrail-m"},
	}
	for _, tc := range tests {
		t.Run(tc.hub, func(t *testing.T) {
			got, err := cards.SPDXLicense(tc.hub, tc.name)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
			require.NoError(t, types.ValidateLicense(got))
		})
	}
	for _, bad := range []string{"other", "unknown"} {
		_, err := cards.SPDXLicense(bad, "")
		require.ErrorIs(t, err, cards.ErrLicense, bad)
	}
}
