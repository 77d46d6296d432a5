# Tributary — the two commands a newcomer needs are `make demo` and `make test`.
# Everything installs from the Go module proxy (pinned versions); nothing is downloaded otherwise.

GO        ?= go
BUILD_DIR ?= $(CURDIR)/build
BINARY    := $(BUILD_DIR)/tributaryd
GOBIN     ?= $(shell $(GO) env GOPATH)/bin
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT    ?= $(shell git rev-parse HEAD 2>/dev/null)

ldflags := -X github.com/cosmos/cosmos-sdk/version.Name=tributary \
	-X github.com/cosmos/cosmos-sdk/version.AppName=tributaryd \
	-X github.com/cosmos/cosmos-sdk/version.Version=$(VERSION) \
	-X github.com/cosmos/cosmos-sdk/version.Commit=$(COMMIT)
# No -trimpath here: it changes every package's build-cache key, so a -trimpath `make build` next to
# `go test` (which cannot take it without GOFLAGS for every developer) would compile the world twice on
# every machine. Development binaries therefore carry build paths; the binaries validators run come
# from `make release`, which trims them.
BUILD_FLAGS := -ldflags '$(ldflags)'

# Release binaries anyone can rebuild bit for bit from the same commit with the same Go (go.mod's
# toolchain) and C compiler (tributaryd links a little cgo): no build paths (-trimpath), no VCS stamp
# beyond the version and commit in ldflags, an empty build id, stripped symbol tables. VERSION must be
# a clean tag or commit (a -dirty tree is refused).
RELEASE_DIR   ?= $(BUILD_DIR)/release
RELEASE_FLAGS := -trimpath -buildvcs=false -ldflags '$(ldflags) -s -w -buildid='

# Unit and in-process integration tests. -p 2 matches the 2-core machines CI runs on; the
# timeout is generous because the in-process networks start real CometBFT nodes.
TEST_FLAGS ?= -count=1 -timeout 30m

.PHONY: all build release release-check install test test-unit test-race test-kubo test-e2e test-sim lint proto-gen proto-check explorer explorer-check \
	standards-schemas standards-schemas-check \
	localnet-start localnet-stop localnet-status demo kubo relayer cosmovisor bench-content bench-provenance \
	bench-royalty bench-chain fuzz clean help

all: build

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

# tributaryd-content is `tributaryd content` without the chain linked in; tributaryd hands content
# commands to it when it sits beside it (cmd/tributaryd/content_helper.go). Built and installed together.
build: ## build build/tributaryd and its content helper build/tributaryd-content
	$(GO) build $(BUILD_FLAGS) -o $(BUILD_DIR)/ ./cmd/tributaryd ./cmd/tributaryd-content

release: ## reproducible release binaries in build/release with SHA256SUMS (see docs/operators.md)
	@case "$(VERSION)" in *-dirty) echo "release: the tree has uncommitted changes; commit or stash them" >&2; exit 1 ;; esac
	mkdir -p $(RELEASE_DIR)
	CGO_ENABLED=1 $(GO) build $(RELEASE_FLAGS) -o $(RELEASE_DIR)/ ./cmd/tributaryd ./cmd/tributaryd-content
	cd $(RELEASE_DIR) && sha256sum tributaryd tributaryd-content > SHA256SUMS && cat SHA256SUMS
	@{ $(GO) version; echo "CGO_ENABLED=1 CC=$$($(GO) env CC): $$($$($(GO) env CC) --version | head -1)"; \
	   echo "flags: $(RELEASE_FLAGS)"; } > $(RELEASE_DIR)/BUILD-ENV

release-check: ## build the release twice (another path, an empty GOCACHE) and compare checksums (slow)
	scripts/release-check.sh

install: ## install tributaryd and tributaryd-content into GOBIN
	$(GO) install $(BUILD_FLAGS) ./cmd/tributaryd ./cmd/tributaryd-content
	@echo "installed $(GOBIN)/tributaryd and $(GOBIN)/tributaryd-content"

test: ## unit + in-process integration tests (what CI runs)
	$(GO) test $(TEST_FLAGS) ./...

test-race: ## the same tests under the race detector
	$(GO) test $(TEST_FLAGS) -race ./...

test-kubo: ## CID interop suite against a real kubo v0.43.0 (built from the module proxy)
	KUBO_BIN=$$(scripts/kubo.sh) $(GO) test $(TEST_FLAGS) -tags kubo ./ipfs/...

test-e2e: build ## real-process tests on a localnet of tributaryd processes (the Go relayer for IBC, cosmovisor for upgrades)
	RLY_BIN=$$(scripts/relayer.sh) COSMOVISOR_BIN=$$(scripts/cosmovisor.sh) $(GO) test $(TEST_FLAGS) -tags e2e ./tests/e2e/...

# Long full-app simulations (app/sim_test.go, build tag sims): every module's random operations on the
# real app, x/royalty conservation and bank supply checked after every block, then import/export and
# determinism. SIM_BLOCKS blocks of up to SIM_BLOCK_SIZE operations per seed; each test has its own
# seeds, SIM_SEED=n runs them all on seed n. `make test` runs the short version (3 seeds x 30 blocks,
# plus one seed twice for determinism).
SIM_BLOCKS     ?= 400
SIM_BLOCK_SIZE ?= 100
SIM_SEED       ?=

test-sim: ## long full-app simulations: 6 seeds x SIM_BLOCKS blocks, import/export, determinism
	$(GO) test -count=1 -timeout 2h -tags sims ./app \
		-run '^(TestFullAppSimulation|TestAppImportExport|TestAppStateDeterminism)$$' \
		-NumBlocks=$(SIM_BLOCKS) -BlockSize=$(SIM_BLOCK_SIZE) $(if $(SIM_SEED),-Seed=$(SIM_SEED))

lint: ## golangci-lint (pinned in tools/lint/go.mod)
	@test -x $(BUILD_DIR)/bin/golangci-lint || \
		(cd tools/lint && $(GO) build -o $(BUILD_DIR)/bin/golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint)
	$(BUILD_DIR)/bin/golangci-lint run ./...

proto-gen: ## regenerate Go code from proto/ (offline, pinned buf and plugins)
	scripts/protocgen.sh

explorer: ## copy the explorer's pinned browser libraries (explorer/web/package-lock.json) into explorer/static/vendor
	scripts/explorer-vendor.sh

explorer-check: ## fail if explorer/static/vendor is not exactly the pinned packages' files (offline)
	scripts/explorer-vendor.sh --check

standards-schemas: ## copy the CycloneDX and SPDX 3.0.1 JSON schemas the export tests validate against from their pinned npm packages
	scripts/standards-schemas.sh

standards-schemas-check: ## fail if x/provenance/export/testdata/schemas is not exactly the pinned package's files (offline)
	scripts/standards-schemas.sh --check

proto-check: ## fail if the generated protobuf code is stale
	scripts/protocheck.sh

localnet-start: build ## start a 4-validator localnet (build/localnet)
	scripts/localnet.sh start $(or $(N),4)

localnet-stop: ## stop the localnet's processes
	scripts/localnet.sh stop

localnet-status: ## heights and app-hash agreement of the localnet
	scripts/localnet.sh status

demo: build ## the Tributary story on a fresh single-validator chain (KEEP=1 leaves it running)
	KEEP=$(KEEP) TRIBUTARYD=$(BINARY) scripts/demo.sh

kubo: ## build kubo v0.43.0 into build/kubo/bin/ipfs
	scripts/kubo.sh

relayer: ## build the Go relayer (cosmos/relayer v2.6.0) into build/relayer/bin/rly
	scripts/relayer.sh

cosmovisor: ## build cosmovisor v1.5.0 into build/cosmovisor/bin/cosmovisor
	scripts/cosmovisor.sh

bench-content: build kubo ## CID throughput and peak RSS of tributaryd vs kubo
	scripts/bench-content.sh

bench-provenance: ## registration gas, ancestor-query cost, state bytes per asset
	scripts/bench-provenance.sh

FUZZTIME ?= 60s

fuzz: ## fuzz sequences of x/royalty and x/provenance messages against the real keepers for FUZZTIME (default 60s)
	go test -run '^$$' -fuzz '^FuzzOperations$$' -fuzztime $(FUZZTIME) ./x/royalty/keeper/

bench-royalty: ## MsgPay gas vs lineage size, settlement and claim cost
	scripts/bench-royalty.sh

bench-chain: build ## throughput of registrations and payments vs bank sends on one node
	TRIBUTARYD=$(BINARY) scripts/bench-chain.sh

clean: ## remove build outputs (stops a running localnet first)
	-scripts/localnet.sh stop 2>/dev/null
	rm -rf $(BUILD_DIR)
