// Package export writes the lineage of an asset, the asset and every ancestor once, in the formats other
// tools read: SPDX 3.0.1 JSON-LD with the AI and Dataset profiles, CycloneDX 1.6 (an ML-BOM) and W3C
// PROV-JSON. It reads the chain through the module's query service only (Source), so the same code serves
// the CLI (`tributaryd query provenance export`), the REST route and tests on an in-process keeper.
//
// Exports stream: the ancestors are read page by page with the Ancestors query and each asset is written
// as soon as it is read, so memory holds the lineage's edges and agents, never the assets themselves.
// Every export states the chain id, height and block time it was read at (Meta); read all pages at that
// one height (the CLI pins it) so the document is one consistent snapshot.
package export

import "errors"

// Format is an output format.
type Format string

// The formats Export writes.
const (
	FormatSPDX3     Format = "spdx3"
	FormatCycloneDX Format = "cyclonedx"
	FormatPROVJSON  Format = "prov-json"
)

// Formats lists every format, in the order the CLI documents them.
var Formats = []Format{FormatSPDX3, FormatCycloneDX, FormatPROVJSON}

// ErrUnknownFormat is returned for a format not in Formats.
var ErrUnknownFormat = errors.New("unknown export format: use spdx3, cyclonedx or prov-json")

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", ErrUnknownFormat
}

// ContentType is the media type of a format, for the REST route.
func (f Format) ContentType() string {
	switch f {
	case FormatSPDX3:
		return "application/ld+json"
	case FormatCycloneDX:
		return "application/vnd.cyclonedx+json; version=1.6"
	default:
		return "application/json"
	}
}
