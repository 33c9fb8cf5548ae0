# Mingze Wang's research site. `make html` and `make test` do all the set-up.

PYTHON      ?= python3
VENV        ?= .venv
SPHINXOPTS  ?= -n -W --keep-going
SOURCEDIR    = .
BUILDDIR    ?= _build
BIN          = $(VENV)/bin
SPHINXBUILD  = $(BIN)/sphinx-build

# Reproducible output: dates in the EPUB (and its zip) come from the last commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1748736000)
export SOURCE_DATE_EPOCH

# Build with Sphinx's make mode; on failure remove that output, so no
# half-written site is left to be mistaken for a good one.
define sphinx
	$(SPHINXBUILD) -M $(1) "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O) || \
	  { rm -rf "$(BUILDDIR)/$(2)"; echo "make: the $(1) build failed; $(BUILDDIR)/$(2) was removed" >&2; exit 1; }
endef

.PHONY: help html epub latex latexpdf rtd linkcheck serve test clean distclean

help: ## Show this help.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# The venv is (re)made whenever a requirements file is newer than it.
$(BIN)/sphinx-build: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/sphinx-autobuild: $(BIN)/sphinx-build requirements-serve.txt
	$(BIN)/python -m pip install --quiet -r requirements-serve.txt
	touch $@

$(BIN)/pytest: $(BIN)/sphinx-build requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

html: $(SPHINXBUILD) ## Build the site into _build/html.
	$(call sphinx,html,html)

epub: $(SPHINXBUILD) ## Build the EPUB into _build/epub.
	$(call sphinx,epub,epub)

latex: $(SPHINXBUILD) ## Write the LaTeX sources into _build/latex.
	$(call sphinx,latex,latex)

latexpdf: $(SPHINXBUILD) ## Build the PDF (XeLaTeX, needs TeX Live) into _build/latex.
	$(call sphinx,latexpdf,latex)

linkcheck: $(SPHINXBUILD) ## Check external links (needs network).
	$(SPHINXBUILD) -M linkcheck "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

serve: $(BIN)/sphinx-autobuild ## Live preview on http://127.0.0.1:8000, rebuilt on every change.
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" $(SPHINXOPTS) \
	  --host 127.0.0.1 --port 8000 --watch _ext --watch refs.bib --watch data \
	  --ignore "$(VENV)/*" --ignore "$(BUILDDIR)/*" $(O)

rtd: $(SPHINXBUILD) ## Run Read the Docs' build sequence on a clean copy into _build/rtd.
	PYTHON=$(BIN)/python tools/rtd-build "$(BUILDDIR)/rtd"

# Browser-side test tools (axe-core, vnu-jar, lighthouse), when npm is there.
NODE_MODULES = tests/browser/node_modules/.package-lock.json
$(NODE_MODULES): tests/browser/package-lock.json
	@if command -v npm >/dev/null; then cd tests/browser && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the tests that need axe-core, vnu-jar or lighthouse will skip"; fi

test: $(BIN)/pytest $(NODE_MODULES) ## Run the test suite (builds into temporary folders).
	$(BIN)/pytest $(PYTEST_ARGS)

clean: ## Remove the build output.
	rm -rf "$(BUILDDIR)"

distclean: clean ## Remove the build output and the virtual environment.
	rm -rf "$(VENV)"
