// tlogcheck: an independent verifier of Origine's transparency log, built on
// golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog (the Go
// checksum database's own client code, as packaged by Debian).
//
//	tlogcheck BASE_URL VKEY [INDEX...]
//
// Fetches BASE_URL/log/checkpoint, verifies the signed note with VKEY, parses
// the C2SP checkpoint, reads tiles from BASE_URL/log/tile/..., checks that
// they hash to the checkpoint's root, and proves and checks the inclusion of
// leaf 0 (and of each INDEX) against it, with the leaf hashed from its entry
// bundle. Prints "ok size=N root=B64" and exits 0; exits 1 on any failure.
package main

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var client = &http.Client{Timeout: 30 * time.Second}

func get(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return body, nil
}

// c2spPath turns x/mod's "tile/8/L/N[.p/W]" (with "data" for entries) into
// the C2SP tlog-tiles path "tile/L/N[.p/W]" ("entries" for entries).
func c2spPath(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), "tile/8/")
	if strings.HasPrefix(p, "data/") {
		p = "entries/" + strings.TrimPrefix(p, "data/")
	}
	return "tile/" + p
}

type tileReader struct{ base string }

func (r tileReader) Height() int { return 8 }

func (r tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := get(r.base + "/log/" + c2spPath(t))
		if err != nil {
			return nil, err
		}
		if len(data) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("tile %s: %d bytes, want %d", c2spPath(t), len(data), t.W*tlog.HashSize)
		}
		out[i] = data
	}
	return out, nil
}

func (r tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "tlogcheck: "+format+"\n", args...)
	os.Exit(1)
}

// entry returns leaf i's data from its entry bundle (uint16 length prefixes).
func entry(base string, i, size int64) []byte {
	n := i / 256
	w := int64(256)
	if (n+1)*256 > size {
		w = size - n*256
	}
	t := tlog.Tile{H: 8, L: -1, N: n, W: int(w)}
	data, err := get(base + "/log/" + c2spPath(t))
	if err != nil {
		fail("%v", err)
	}
	for k := int64(0); ; k++ {
		if len(data) < 2 {
			fail("entry bundle too short")
		}
		l := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+l {
			fail("entry bundle truncated")
		}
		if k == i%256 {
			return data[2 : 2+l]
		}
		data = data[2+l:]
	}
}

func main() {
	if len(os.Args) < 3 {
		fail("usage: tlogcheck BASE_URL VKEY [INDEX...]")
	}
	base := strings.TrimRight(os.Args[1], "/")
	verifier, err := note.NewVerifier(os.Args[2])
	if err != nil {
		fail("vkey: %v", err)
	}
	msg, err := get(base + "/log/checkpoint")
	if err != nil {
		fail("%v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint note does not verify: %v", err)
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 || lines[0] != verifier.Name() {
		fail("checkpoint origin %q is not the key name %q", lines[0], verifier.Name())
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 1 || lines[1] != strconv.FormatInt(size, 10) {
		fail("bad checkpoint size %q", lines[1])
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != tlog.HashSize {
		fail("bad checkpoint root %q", lines[2])
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	tree := tlog.Tree{N: size, Hash: root}

	hr := tlog.TileHashReader(tree, tileReader{base})
	th, err := tlog.TreeHash(size, hr)
	if err != nil {
		fail("tree hash: %v", err)
	}
	if th != root {
		fail("tiles hash to %v, checkpoint root is %v", th, root)
	}
	indices := []int64{0}
	for _, a := range os.Args[3:] {
		i, err := strconv.ParseInt(a, 10, 64)
		if err != nil || i < 0 || i >= size {
			fail("bad index %q", a)
		}
		indices = append(indices, i)
	}
	for _, i := range indices {
		leaf := tlog.RecordHash(entry(base, i, size))
		proof, err := tlog.ProveRecord(size, i, hr)
		if err != nil {
			fail("prove record %d: %v", i, err)
		}
		if err := tlog.CheckRecord(proof, size, root, i, leaf); err != nil {
			fail("record %d: %v", i, err)
		}
	}
	fmt.Printf("ok size=%d root=%s proved=%d\n", size, base64.StdEncoding.EncodeToString(root[:]), len(indices))
}
