package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestAdviseHugePages checks, in a fresh process (advice lasts for the
// life of one), that memory the heap hands out after the advice lies in a
// mapping advised for huge pages ("hg" in its VmFlags), and that it did not
// before.
func TestAdviseHugePages(t *testing.T) {
	if strconv.IntSize < 64 {
		t.Skip("no advice on a 32-bit system")
	}
	probe, err := syscall.Mmap(-1, 0, 4<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip(err)
	}
	supported := syscall.Madvise(probe, syscall.MADV_HUGEPAGE) == nil
	syscall.Munmap(probe)
	if !supported {
		t.Skip("this kernel takes no huge page advice")
	}
	if os.Getenv("BLOCKCHECK_HUGEPAGES_TEST") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAdviseHugePages$", "-test.count=1")
		cmd.Env = append(os.Environ(), "BLOCKCHECK_HUGEPAGES_TEST=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return
	}
	// Kept alive, so that the allocation after the advice cannot reuse it.
	before := make([]byte, 8<<20)
	if flags := vmFlags(t, uintptr(unsafe.Pointer(&before[0]))); strings.Contains(flags, " hg") {
		t.Fatalf("the heap is advised before adviseHugePages: %q", flags)
	}
	adviseHugePages(256 << 20)
	// Its middle: it may begin in a few free pages below the advised ones.
	after := make([]byte, 8<<20)
	if flags := vmFlags(t, uintptr(unsafe.Pointer(&after[4<<20]))); !strings.Contains(flags, " hg") {
		t.Errorf("a heap allocation after adviseHugePages lies in a mapping with VmFlags %q, want hg", flags)
	}
	runtime.KeepAlive(before)
	adviseHugePages(0) // nothing to do, and no panic
}

// vmFlags returns the VmFlags line of the mapping that holds addr.
func vmFlags(t *testing.T, addr uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		first, _, _ := strings.Cut(line, " ")
		if lo, hi, ok := strings.Cut(first, "-"); ok {
			l, err1 := strconv.ParseUint(lo, 16, 64)
			h, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = uint64(addr) >= l && uint64(addr) < h
				continue
			}
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return line
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}
