package blocking

import (
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
)

// Entry describes a family of blocking APIs.
type Entry struct {
	Rule     string // the rule that reports it
	CostKey  string // row of the timing model (looprt/cost)
	CostNote string // what the cost row assumes, e.g. " for a small file"
	// Instead renders the non-blocking alternative for a call.
	Instead func(r bindings.Ref) string
	// Blocks, when set, decides from the call's arguments whether it
	// blocks at all (randomBytes with a callback does not) and how many
	// units of the cost row it costs (0: unknown).
	Blocks func(c *callInfo) (blocks bool, units float64)
	// Chain reports whether the call is a sink for sync-call-chain.
	Chain bool
}

// api is one row of the catalogue: members of some modules.
type api struct {
	modules []string // specifiers without node: prefix
	// members are member paths; "*Sync" matches any one-component member
	// named like an fs API that ends in Sync (syncName), "" the module
	// itself called as a function.
	members []string
	entry   *Entry
}

func insteadText(s string) func(bindings.Ref) string {
	return func(bindings.Ref) string { return s }
}

// fsModules expose Node's fs API (or a superset of it).
var fsModules = []string{"fs", "fs-extra", "graceful-fs", "original-fs", "mz/fs", "jsonfile", "proper-lockfile"}

var fsSync = &Entry{
	Rule:  "sync-io",
	Chain: true,
	Instead: func(r bindings.Ref) string {
		name := strings.TrimSuffix(r.Last(), "Sync")
		switch name {
		case "exists":
			return "await fs.promises.access(path) (exists has no promise form) or fs.access with a callback"
		case "read", "write", "open", "close", "fstat", "fsync", "fdatasync", "ftruncate", "futimes", "fchmod", "fchown", "readv", "writev":
			return "the callback form fs." + name + " or a FileHandle from fs.promises.open"
		}
		return "await fs.promises." + name + " or the callback form fs." + name
	},
}

func syncIO(costKey, instead string) *Entry {
	return &Entry{Rule: "sync-io", Chain: true, CostKey: costKey, Instead: insteadText(instead)}
}

func syncProcess(instead string) *Entry {
	return &Entry{Rule: "sync-process", Chain: true, CostKey: "blocking.child_process.execSync",
		CostNote: " for a trivial command, plus however long the command runs", Instead: insteadText(instead)}
}

func syncZlib(costKey string) *Entry {
	return &Entry{Rule: "sync-zlib", Chain: true, CostKey: costKey, Instead: func(r bindings.Ref) string {
		name := strings.TrimSuffix(r.Last(), "Sync")
		if r.Module == "pako" {
			return "zlib." + name + " with a callback (or promisified), or a zlib stream, which run on the thread pool"
		}
		return "await util.promisify(zlib." + name + ")(buf) or the callback form zlib." + name + ", or a zlib stream, which run on the thread pool"
	}}
}

// catalogue lists the blocking APIs. Sources: the Node.js API docs for
// core modules (every *Sync function blocks until done); each package's
// README for third-party APIs.
var catalogue = []api{
	// sync-io
	{fsModules, []string{"*Sync"}, fsSync},
	{[]string{"glob", "fast-glob", "globby", "tiny-glob/sync"}, []string{"sync", "globSync", "globbySync", ""}, syncIO("blocking.fs.glob", "the promise form (await glob(pattern)) or a glob stream")},
	{[]string{"mkdirp", "make-dir"}, []string{"sync", "mkdirpSync", "nativeSync", "manualSync", "makeDirectorySync"}, syncIO("blocking.fs.statSync", "await fs.promises.mkdir(dir, { recursive: true })")},
	{[]string{"rimraf", "del"}, []string{"sync", "rimrafSync", "nativeSync", "manualSync", "deleteSync"}, syncIO("blocking.fs.glob", "await fs.promises.rm(path, { recursive: true, force: true })")},
	{[]string{"find-up", "pkg-up", "load-json-file", "write-json-file", "write-file-atomic", "read-pkg"}, []string{"sync", "findUpSync", "pkgUpSync", "loadJsonFileSync", "writeJsonFileSync", "readPackageSync"}, syncIO("blocking.fs.readFileSync", "the package's promise API")},
	{[]string{"tmp"}, []string{"fileSync", "dirSync", "tmpNameSync"}, syncIO("blocking.fs.writeFileSync", "the callback forms tmp.file/tmp.dir or tmp-promise")},

	// sync-process
	{[]string{"child_process"}, []string{"execSync", "execFileSync", "spawnSync"}, &Entry{
		Rule: "sync-process", Chain: true, CostKey: "blocking.child_process.execSync", CostNote: " for a trivial command, plus however long the command runs",
		Instead: func(r bindings.Ref) string {
			name := strings.TrimSuffix(r.Last(), "Sync")
			return "child_process." + name + " with a callback, or await util.promisify(child_process." + name + ")(...)"
		}}},
	{[]string{"execa"}, []string{"sync", "execaSync", "commandSync", "execaCommandSync", "shellSync"}, syncProcess("await execa(...), which returns a promise")},
	{[]string{"cross-spawn"}, []string{"sync"}, syncProcess("crossSpawn(...), which returns a ChildProcess")},
	{[]string{"spawn-sync", "sync-exec"}, []string{""}, syncProcess("child_process.spawn or execFile with a callback")},
	{[]string{"shelljs"}, []string{"exec"}, &Entry{Rule: "sync-process", Chain: true, CostKey: "blocking.child_process.execSync",
		CostNote: " for a trivial command, plus however long the command runs", Blocks: shellExecBlocks,
		Instead: insteadText("shell.exec(cmd, { async: true }) or shell.exec(cmd, callback)")}},
	{[]string{"sync-request"}, []string{""}, &Entry{Rule: "sync-process", Chain: true, CostKey: "blocking.child_process.execSync",
		CostNote: " to start its helper process, plus the whole HTTP round trip", Instead: insteadText("await fetch(url) or another asynchronous HTTP client")}},
	{[]string{"deasync"}, []string{"sleep", "loopWhile", "runLoopOnce"}, &Entry{Rule: "sync-process", Chain: true,
		Instead: insteadText("await the promise instead of spinning the loop synchronously")}},

	// sync-crypto
	{[]string{"crypto"}, []string{"pbkdf2Sync"}, &Entry{Rule: "sync-crypto", Chain: true, CostKey: "blocking.crypto.pbkdf2Sync", Blocks: iterations(2),
		Instead: insteadText("crypto.pbkdf2 with a callback (or util.promisify(crypto.pbkdf2)), which runs on the thread pool")}},
	{[]string{"crypto"}, []string{"scryptSync"}, &Entry{Rule: "sync-crypto", Chain: true, CostKey: "blocking.crypto.scryptSync", CostNote: " with the default cost parameters",
		Instead: insteadText("crypto.scrypt with a callback (or util.promisify(crypto.scrypt)), which runs on the thread pool")}},
	{[]string{"crypto"}, []string{"generateKeyPairSync"}, &Entry{Rule: "sync-crypto", Chain: true, CostKey: "blocking.crypto.generateKeyPairSync", CostNote: " depending on key type and size",
		Instead: insteadText("crypto.generateKeyPair with a callback (or util.promisify(crypto.generateKeyPair)), or generate the key once at start-up")}},
	{[]string{"crypto"}, []string{"generatePrimeSync"}, &Entry{Rule: "sync-crypto", Chain: true, CostKey: "blocking.crypto.generatePrimeSync",
		Instead: insteadText("crypto.generatePrime with a callback")}},
	{[]string{"crypto"}, []string{"checkPrimeSync"}, &Entry{Rule: "sync-crypto", Chain: true, CostKey: "blocking.crypto.checkPrimeSync",
		Instead: insteadText("crypto.checkPrime with a callback")}},
	{[]string{"crypto"}, []string{"hkdfSync"}, &Entry{Rule: "sync-crypto", Chain: true, CostKey: "blocking.crypto.hkdfSync",
		Instead: insteadText("crypto.hkdf with a callback")}},
	{[]string{"crypto"}, []string{"randomBytes", "randomFillSync", "pseudoRandomBytes", "prng", "rng"}, &Entry{Rule: "sync-crypto", Chain: true, CostKey: "blocking.crypto.randomBytes", Blocks: randomSize,
		Instead: func(r bindings.Ref) string {
			if r.Last() == "randomFillSync" {
				return "crypto.randomFill with a callback"
			}
			return "crypto.randomBytes(size, callback) (or util.promisify(crypto.randomBytes)), which runs on the thread pool"
		}}},
	{[]string{"bcrypt", "bcryptjs", "bcrypt-nodejs"}, []string{"hashSync", "compareSync"}, &Entry{Rule: "sync-crypto", Chain: true, CostKey: "blocking.crypto.bcrypt",
		Instead: func(r bindings.Ref) string {
			return "await bcrypt." + strings.TrimSuffix(r.Last(), "Sync") + "(...)" + map[bool]string{true: ", which runs on the thread pool", false: ""}[r.Module == "bcrypt"]
		}}},

	// sync-zlib
	{[]string{"zlib"}, []string{"gzipSync", "deflateSync", "deflateRawSync"}, syncZlib("blocking.zlib.gzipSync")},
	{[]string{"zlib"}, []string{"gunzipSync", "inflateSync", "inflateRawSync", "unzipSync", "brotliDecompressSync", "zstdDecompressSync"}, syncZlib("blocking.zlib.gunzipSync")},
	{[]string{"zlib"}, []string{"brotliCompressSync", "zstdCompressSync"}, syncZlib("blocking.zlib.brotliCompressSync")},
	{[]string{"pako"}, []string{"deflate", "deflateRaw", "gzip"}, syncZlib("blocking.zlib.gzipSync")},
	{[]string{"pako"}, []string{"inflate", "inflateRaw", "ungzip"}, syncZlib("blocking.zlib.gunzipSync")},

	// atomics-wait
	{[]string{bindings.Global}, []string{"Atomics.wait"}, &Entry{Rule: "atomics-wait", CostKey: "", Blocks: atomicsTimeout,
		Instead: insteadText("Atomics.waitAsync, or do the wait in a worker thread")}},
}

// index maps module → member → entry; "*Sync" and "" as in api.members.
var index = func() map[string]map[string]*Entry {
	out := map[string]map[string]*Entry{}
	for _, a := range catalogue {
		for _, mod := range a.modules {
			if out[mod] == nil {
				out[mod] = map[string]*Entry{}
			}
			for _, m := range a.members {
				out[mod][m] = a.entry
			}
		}
	}
	return out
}()

// Lookup returns the catalogue entry for a call target, or nil.
func Lookup(r bindings.Ref) *Entry {
	members := index[r.Module]
	if members == nil {
		return nil
	}
	if e := members[r.Member]; e != nil {
		return e
	}
	// A default export seen through ESM interop: import x from 'glob'; x.default.sync.
	if e := members[strings.TrimPrefix(r.Member, "default.")]; e != nil && strings.HasPrefix(r.Member, "default.") {
		return e
	}
	if e := members["*Sync"]; e != nil && syncName(r.Member) {
		return e
	}
	return nil
}

// syncName reports whether a member is named like the synchronous APIs
// of fs and its supersets: a lower-case letter, then more, then Sync
// (readFileSync, ensureDirSync; not Sync alone, nor a class's XSync).
func syncName(member string) bool {
	return len(member) > len("Sync") && member[0] >= 'a' && member[0] <= 'z' &&
		strings.HasSuffix(member, "Sync") && !strings.Contains(member, ".")
}
