# Balasan: `make run` starts the server with a demo article, `make test` runs every test.
GO ?= go
export CGO_ENABLED = 0

.PHONY: run build test lint fuzz bench browser-deps

run:
	$(GO) run ./cmd/balasan serve

build:
	$(GO) build -o bin/balasan ./cmd/balasan

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
	$(GO) test -run '^$$' -fuzz FuzzFold -fuzztime 60s ./internal/textnorm

# Go benchmarks, then the load comparison: Balasan beside a bare net/http
# server under the same wrk settings (ratios printed), and a million-comment
# scale check (p99, peak RSS). Installs Debian's wrk when missing.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1s ./internal/...
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(GO) run ./internal/loadtest
