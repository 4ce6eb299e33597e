//go:build !linux

package main

// adviseHugePages does nothing: only Linux takes advice on huge pages.
func adviseHugePages(size int64) {}
