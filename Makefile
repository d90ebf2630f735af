# Origine — two commands on a fresh Debian 12 machine:
#   make run    install what is missing, build, start on http://127.0.0.1:8080 with demo data
#   make test   install what is missing, build with sanitizers, run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

BUILD_DIR ?= build
TEST_DIR  ?= build-test
DATA_DIR  ?= ./var
LISTEN    ?= 127.0.0.1:8080
PAYSIM_LISTEN ?= 127.0.0.1:8090
JOBS      ?= $(shell nproc)
# ccache, when the machine has it, makes rebuilds of unchanged files free.
CMAKE_LAUNCHER := $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

.PHONY: help deps web-deps web build run test soak bench fuzz clean

help:
	@echo "make run    - install, build and start Origine on http://$(LISTEN) (data in $(DATA_DIR)),"
	@echo "              with the payment simulator origine-paysim on http://$(PAYSIM_LISTEN)"
	@echo "make test   - install, build (ASan+UBSan) and run every test"
	@echo "make build  - build everything, start nothing"
	@echo "make soak   - payments invariants over 10,000 payments under random simulator faults"
	@echo "make bench  - run every benchmark on a Release build (docs/BENCHMARKS.md), BENCH=name for one"
	@echo "make fuzz   - run the libFuzzer fuzzers (clang), FUZZ_SECONDS=300 each"

deps:
	@bash scripts/install-deps.sh

# npm packages come from the committed lock files only (npm ci).
web-deps: deps
	@cd web && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }

web: web-deps
	@cd web && npm run build

build: deps web
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORIGINE_TESTS=OFF $(CMAKE_LAUNCHER)
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The payment-provider simulator runs beside the server (docs/formats/paysim.md),
# in the background, and is stopped (SIGTERM) when the server stops. It is started
# first: on a fresh $(DATA_DIR) the demo seed pays the demo's fees through it
# (waiting up to 5 s for it to answer; docs/formats/payments.md "Demo data").
run: build
	@mkdir -p $(DATA_DIR)
	@./$(BUILD_DIR)/tools/paysim/origine-paysim --listen $(PAYSIM_LISTEN) --seed 1 \
	    --wave-webhook-url http://$(LISTEN)/api/v1/payments/callbacks/wave & paysim=$$!; \
	  trap 'kill $$paysim 2>/dev/null; wait $$paysim 2>/dev/null' EXIT; \
	  ./$(BUILD_DIR)/src/app/origine serve --listen $(LISTEN) --data $(DATA_DIR) --web-root web/dist --demo

test: deps web
	@cd tests/e2e && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }
	@cd tests/interop && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }
	cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DORIGINE_SANITIZE=ON -DORIGINE_TESTS=ON -DORIGINE_BENCH=ON $(CMAKE_LAUNCHER)
	cmake --build $(TEST_DIR) -j $(JOBS)
	bash scripts/check-format.sh
	TIDY_BUILD_DIR=$(TEST_DIR) bash scripts/tidy.sh -j$(JOBS)
	cd web && npm run lint && npm test
	cd $(TEST_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600
	@node scripts/skipped-tests.mjs $(TEST_DIR)

# Payments invariants under random simulator faults with a kill -9 and restart
# (tests/soak/payments-invariants.test.mjs), 10,000 payments; SOAK_N=200 takes about 70 s on
# the sanitizer build. make test runs the same test over 1,000 payments (ctest payments_invariants).
SOAK_N ?= 10000
soak: deps
	cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DORIGINE_SANITIZE=ON -DORIGINE_TESTS=ON $(CMAKE_LAUNCHER)
	cmake --build $(TEST_DIR) -j $(JOBS) --target origine origine-paysim
	PAYMENTS_SOAK_N=$(SOAK_N) ORIGINE_BIN=$(TEST_DIR)/src/app/origine \
	  node --test --test-concurrency=1 tests/soak/payments-invariants.test.mjs

# Every benchmark at full length on a Release build (bench/all.sh; docs/BENCHMARKS.md);
# `make bench BENCH=trust` runs one. make test runs each once in a smoke mode (bench_smoke_*).
BENCH_DIR ?= build-bench
BENCH     ?=
bench: deps web
	@bash scripts/install-deps.sh --bench
	@cd tests/interop && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }
	cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DORIGINE_TESTS=OFF -DORIGINE_BENCH=ON $(CMAKE_LAUNCHER)
	cmake --build $(BENCH_DIR) -j $(JOBS)
	bash bench/all.sh $(BENCH_DIR) $(BENCH)

# libFuzzer (clang): the trust fuzzers, FUZZ_SECONDS each, in build-fuzz. New
# inputs go to fuzz/corpus-<name>/ (git-ignored); crashes to build-fuzz/crash-*.
# `make test` replays the committed seeds instead (fuzz_smoke, docs/adr/0030-fuzzing.md).
FUZZ_DIR     ?= build-fuzz
FUZZ_SECONDS ?= 300
FUZZERS      := base45 zlib cbor_claims cose qr_verify
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORIGINE_TESTS=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target $(addsuffix _fuzzer,$(FUZZERS))
	@set -e; for f in $(FUZZERS); do \
	  mkdir -p fuzz/corpus-$$f; \
	  echo "== $$f: $(FUZZ_SECONDS) s"; \
	  ./$(FUZZ_DIR)/fuzz/$${f}_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/ fuzz/corpus-$$f fuzz/corpus/$$f; \
	done

clean:
	rm -rf $(BUILD_DIR) $(TEST_DIR) $(BENCH_DIR) web/dist
