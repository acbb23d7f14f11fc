# Balasan: `make run` starts the server with a demo article, `make test` runs every test.
GO ?= go
export CGO_ENABLED = 0

# The version stamped into the binary (balasan version, /healthz, the
# balasan_build_info metric): the nearest tag, else the commit.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -s -w -X balasan/internal/version.Version=$(VERSION)

.PHONY: run build dist test lint fuzz bench browser-deps

run:
	$(GO) run ./cmd/balasan serve

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/balasan ./cmd/balasan

# Static binaries (no cgo) for Linux servers, with their SHA-256 sums.
dist:
	rm -rf dist && mkdir -p dist
	for arch in amd64 arm64; do \
		GOOS=linux GOARCH=$$arch $(GO) build -trimpath -ldflags "$(LDFLAGS)" \
			-o dist/balasan-$(VERSION)-linux-$$arch ./cmd/balasan || exit 1; \
	done
	cd dist && sha256sum balasan-* > SHA256SUMS

# Every test with the race detector (a test tool that needs gcc; Balasan
# itself builds without cgo), then the fuzzers briefly. Browser tests need
# Debian's chromium, which .ci/run installs.
test:
	CGO_ENABLED=1 $(GO) test -race -count=1 ./...
	$(GO) test -run '^$$' -fuzz FuzzComment -fuzztime 5s ./internal/sanitize
	$(GO) test -run '^$$' -fuzz FuzzSubmit -fuzztime 5s ./internal/api
	$(GO) test -run '^$$' -fuzz FuzzFold -fuzztime 5s ./internal/textnorm

lint:
	gofmt -l . | tee /dev/stderr | (! read)
	$(GO) vet ./...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzComment -fuzztime 60s ./internal/sanitize
	$(GO) test -run '^$$' -fuzz FuzzSubmit -fuzztime 60s ./internal/api
	$(GO) test -run '^$$' -fuzz FuzzParseAuthorToken -fuzztime 30s ./internal/comment
	$(GO) test -run '^$$' -fuzz FuzzFold -fuzztime 60s ./internal/textnorm

# Go benchmarks, then the load comparison: Balasan beside a bare net/http
# server under the same wrk settings (ratios printed), and a million-comment
# scale check (p99, peak RSS). Installs Debian's wrk when missing.
bench:
	$(GO) test -run '^$$' -bench . -skip 1M -benchmem -benchtime 1s ./internal/...
	# The dashboard at a newsroom's scale (issue 12): every queue view,
	# search and the articles page with 1,000,000 comments, 4 moderators at
	# once, the IP-retention job running; p50_ms and p99_ms per view.
	$(GO) test -run '^$$' -bench Pending1M -benchtime 200x -timeout 60m ./internal/dashboard
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(GO) run ./internal/loadtest
