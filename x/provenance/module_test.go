package provenance_test

import (
	"testing"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/tributary-ai/tributary/x/provenance"
	_ "github.com/tributary-ai/tributary/x/provenance/types" // registers the services
)

// TestAutoCLINamesRealMethods guards against a typo silently dropping a command: every AutoCLI option names a
// method of its service, and every method has a command (or is skipped for a hand-written one).
func TestAutoCLINamesRealMethods(t *testing.T) {
	opts := provenance.AppModule{}.AutoCLIOptions()
	for _, svc := range []*autocliv1.ServiceCommandDescriptor{opts.Query, opts.Tx} {
		desc, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(svc.Service))
		require.NoError(t, err, svc.Service)
		methods := desc.(protoreflect.ServiceDescriptor).Methods()
		named := map[string]bool{}
		for _, c := range svc.RpcCommandOptions {
			require.NotNil(t, methods.ByName(protoreflect.Name(c.RpcMethod)), "%s has no method %s", svc.Service, c.RpcMethod)
			named[c.RpcMethod] = true
		}
		for i := range methods.Len() {
			require.True(t, named[string(methods.Get(i).Name())], "%s.%s has no command", svc.Service, methods.Get(i).Name())
		}
	}
}
