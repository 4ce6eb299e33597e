// Package e2e runs blockls under real LSP clients: Neovim (nvim.test.lua)
// and vscode-languageserver-protocol (vscode.test.js). Each test skips when
// its client is not installed (nvim on PATH; node with "npm ci" run here);
// .ci/install-e2e installs them; go test ./... (as .ci/run does) runs this package.
package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// blockls builds the server once per test binary.
func blockls(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "blockls")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/blockcheck/blockcheck/cmd/blockls")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building blockls: %v\n%s", err, out)
	}
	return bin
}

func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim not installed (apt-get install -y neovim)")
	}
	fixtures, _ := filepath.Abs("fixtures")
	cmd := exec.Command(nvim, "--headless", "--clean", "-u", "nvim.test.lua")
	cmd.Env = append(os.Environ(), "BLOCKLS="+blockls(t), "FIXTURES="+fixtures)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("nvim: %v", err)
	}
}

func TestVSCodeProtocol(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	if _, err := os.Stat("node_modules/vscode-languageserver-protocol"); err != nil {
		t.Skip("run npm ci in editors/test first")
	}
	cmd := exec.Command(node, "vscode.test.js")
	cmd.Env = append(os.Environ(), "BLOCKLS="+blockls(t))
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("node: %v", err)
	}
}
