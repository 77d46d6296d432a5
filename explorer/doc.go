// Package explorer is the web explorer every Tributary node serves on its REST API server under /explorer:
// an overview, asset, address and search pages rendered on the server from the node's own queries, and two
// pictures drawn in the browser from small JSON answers: the lineage DAG around an asset (laid out by d3-dag)
// and where one unit paid to an asset ends up (a Sankey laid out by d3-sankey).
//
// It reads only what every node already answers — x/provenance and x/royalty queries and CometBFT's tx
// index — so it holds no state of its own beyond a per-height cache of the overview. Every answer it builds is
// bounded: lists are capped, the overview scans at most OverviewScanCap assets, and a lineage picture asks for
// at most MaxLineageNodes nodes. Everything the browser loads (scripts, styles) is embedded in the binary, so
// the explorer works without network access and sends no request outside the node.
package explorer
