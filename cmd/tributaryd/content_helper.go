package main

// `tributaryd content ...` is handed to the tributaryd-content binary next to this one before
// the Go runtime starts, the way git runs git-<command> helpers.
//
// Why before the runtime: Go runs the init function of every linked package before main, and
// tributaryd links about a thousand (the Cosmos SDK's protobuf registries, amino, CometBFT...).
// By the time main could decide that only content hashing is wanted, those inits have paged in
// most of the 190 MB binary: ~140 MiB resident to hash an 11-byte file, over the 128 MiB
// budget for hashing a 1 GiB dataset. An ELF constructor runs earlier — glibc calls it from
// __libc_start_main before it calls the Go runtime's entry point (runc's nsenter relies on the
// same order) — while the process is a few MiB of libc.
//
// The constructor only ever execs or returns. It returns, and tributaryd runs the same commands
// in process (main.go), when: the first argument is not exactly "content"; the environment sets
// TRIBUTARYD_CONTENT_INPROCESS; /proc/self/exe cannot be read; or there is no executable
// tributaryd-content beside the real path of this binary (for example after a plain
// `go install ./cmd/tributaryd`). Nothing else differs: both run ipfs/cli.StandaloneRootCmd.
// The helper, told this binary's path in TRIBUTARYD_CONTENT_PARENT, hands the command back
// (with TRIBUTARYD_CONTENT_INPROCESS set) if the two are not from the same build.
//
// tributaryd already links C (pebble, zstd), so this adds no build requirement.

/*
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char tributaryd_content_helper[] = "tributaryd-content";

__attribute__((constructor)) static void tributaryd_exec_content_helper(int argc, char **argv) {
	if (argc < 2 || argv == NULL || argv[1] == NULL || strcmp(argv[1], "content") != 0) {
		return;
	}
	if (getenv("TRIBUTARYD_CONTENT_INPROCESS") != NULL) {
		return;
	}
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0) {
		return;
	}
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	if (slash == NULL || (size_t)(slash - self) + 1 + sizeof tributaryd_content_helper > sizeof self) {
		return;
	}
	char helper[PATH_MAX];
	memcpy(helper, self, (size_t)(slash - self) + 1);
	memcpy(helper + (slash - self) + 1, tributaryd_content_helper, sizeof tributaryd_content_helper);
	if (access(helper, X_OK) != 0) {
		return;
	}
	// The helper checks that it comes from the same build as this binary and otherwise hands
	// the command back (cmd/tributaryd-content/build.go), so it is told where this binary is.
	if (setenv("TRIBUTARYD_CONTENT_PARENT", self, 1) != 0) {
		return;
	}
	// argv is passed unchanged: the helper takes tributaryd's arguments, and ps still shows
	// "tributaryd content ...". execv returns only on failure; then run in process.
	execv(helper, argv);
	unsetenv("TRIBUTARYD_CONTENT_PARENT");
}
*/
import "C"
