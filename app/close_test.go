package app_test

import (
	"testing"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	"github.com/tributary-ai/tributary/app"
)

// TestCloseTwice: a second Close (the SDK's start closes the app twice on SIGTERM) is not an
// error; on a real LevelDB the second BaseApp.Close used to fail with "leveldb: closed".
func TestCloseTwice(t *testing.T) {
	db, err := dbm.NewGoLevelDB("application", t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(log.NewNopLogger(), db, false, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	for i := range 2 {
		if err := a.Close(); err != nil {
			t.Fatalf("close %d: %v", i+1, err)
		}
	}
	if err := a.BaseApp.Close(); err == nil {
		t.Fatal("BaseApp.Close twice succeeded: the guard would be needless, and this test could not fail")
	}
}
