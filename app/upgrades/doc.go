// Package upgrades holds Tributary's named software upgrades, one package per upgrade (app/upgrades/v2, ...).
//
// A live network changes its state machine only at a height that governance picked with a
// MsgSoftwareUpgrade. Every node halts there; the new binary starts and, in the upgrade's first block, the
// x/upgrade module runs the handler registered under the plan's name. The handler migrates state in place
// (module migrations registered with RegisterMigration, parameter changes); the store loader adds or
// deletes whole module stores before the first block is executed.
//
// Adding an upgrade: create app/upgrades/vN with an Upgrade value, add it to app.Upgrades, bump the
// ConsensusVersion of every module whose state layout changes and register its migration in
// x/<module>/migrations/vN. docs/operators.md describes the release procedure.
package upgrades
