package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// Loaders are the scripts article sites include by a fixed URL
// (BASE/embed.js, BASE/count.js); they cannot carry a content hash, so
// they are cached briefly. Every other static file has a hashed name.
var Loaders = map[string]bool{"embed.js": true, "count.js": true}

var assets struct {
	once   sync.Once
	byName map[string]string // balasan.css → balasan.3f2a1c9d0b.css
	byHash map[string]string // balasan.3f2a1c9d0b.css → balasan.css
}

func loadAssets() {
	assets.byName, assets.byHash = map[string]string{}, map[string]string{}
	entries, _ := fs.ReadDir(Static, "static")
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || Loaders[name] {
			continue
		}
		b, _ := Static.ReadFile("static/" + name)
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		h := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		assets.byName[name], assets.byHash[h] = h, name
	}
}

// AssetPath is the URL path of a static file under its content-hashed
// name (/static/balasan.3f2a1c9d0b.css), which may be cached for a year:
// a changed file gets a new name. A name it does not know stays as it is.
func AssetPath(name string) string {
	assets.once.Do(loadAssets)
	if h, ok := assets.byName[name]; ok {
		return "/static/" + h
	}
	return "/static/" + name
}

// AssetByHash returns the file name a hashed name stands for.
func AssetByHash(hashed string) (name string, ok bool) {
	assets.once.Do(loadAssets)
	name, ok = assets.byHash[hashed]
	return name, ok
}

// HashedAssets lists each hashed file name's plain one.
func HashedAssets() map[string]string {
	assets.once.Do(loadAssets)
	return assets.byHash
}
