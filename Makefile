# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing first.
.PHONY: setup run test fmt lint bench soak

# uv installed by scripts/setup.sh for an ordinary user lands in ~/.local/bin.
export PATH := $(HOME)/.local/bin:$(PATH)

setup:
	@scripts/setup.sh

# `make run RELOAD=1` restarts the server's workers when code, a template or a translation changes.
run: setup
	@scripts/run.sh

test: setup
	@scripts/test.sh $(ARGS)

fmt: setup
	uv run --frozen ruff format src tests
	uv run --frozen ruff check --fix src tests

lint: setup
	uv run --frozen ruff format --check src tests
	uv run --frozen ruff check src tests
	# No database runs here: Django's migration-history check gives up after a second, not ten.
	DATABASE_POOL_TIMEOUT=1 uv run --frozen kredsraad makemigrations --check --dry-run

# `make bench BASELINE=<git rev>` also measures that revision's code on the national dataset.
bench: setup
	@scripts/bench.sh
	@BASELINE=$(BASELINE) scripts/bench-national.sh

# The soak alone (make bench ends with it); SOAK_SECONDS=60 for a shorter one.
soak: setup
	@scripts/soak.sh
