//go:build !unix

package dagio

import "os"

// openNoFollow opens path; without O_NOFOLLOW, importFile's check that the opened file is the one
// the walk saw (os.SameFile) is what refuses a swapped file.
func openNoFollow(path string) (*os.File, error) {
	return os.Open(path)
}
