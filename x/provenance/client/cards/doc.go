// Package cards reads what model builders already write about their work, a
// Hugging Face model or dataset card (the YAML front matter of README.md)
// and an MLCommons Croissant file, and turns it into what a registration
// needs: name, description, an SPDX licence, the asset's own external
// identifier and its parents, named by external identifiers and resolved to
// asset ids through the chain's AssetsByExternalID index.
//
// It reads and checks only; it neither signs nor uploads. Resolution goes
// through the Lookup function the caller passes, so the package knows no
// network stack and its tests need no chain.
package cards
