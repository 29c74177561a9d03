# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing first.
.PHONY: setup run test fmt lint bench

setup:
	@scripts/setup.sh

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
	uv run --frozen kredsraad makemigrations --check --dry-run

bench: setup
	@scripts/bench.sh
